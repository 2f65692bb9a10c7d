import type { Role } from "./api/types";

export type View =
  | { name: "home" }
  | { name: "notifications" }
  | { name: "requests" }
  | { name: "request"; id: number }
  | { name: "new-request" }
  | { name: "changes" }
  | { name: "new-change" }
  | { name: "change"; id: number }
  | { name: "calendar" }
  | { name: "accounts" }
  | { name: "settings" }
  | { name: "database" }
  | { name: "password" }
  | { name: "incidents" }
  | { name: "incident"; id: number }
  | { name: "new-incident" }
  | { name: "meetings" }
  | { name: "meeting"; id: number }
  | { name: "new-meeting" }
  | { name: "edit-meeting"; id: number }
  | { name: "deliverables" }
  | { name: "register"; meetingId: number | null }
  | { name: "register-item"; id: number }
  | { name: "new-register-item" }
  | { name: "plan" }
  | { name: "contract"; from: "plan" | "settings" }
  | { name: "search" }
  | { name: "import" }
  | { name: "operations" }
  | { name: "business-schedule" }
  | { name: "handover" };

export type Go = (v: View) => void;

export interface MenuItem { view: View; text: string; id: string }
export interface MenuGroup { title: string; items: MenuItem[] }

/** The side menu of a role, in groups; the policy below the UI decides again on every call. */
export function menuFor(role: Role): MenuGroup[] {
  const desk: MenuItem[] = [{ view: { name: "home" }, text: "ホーム", id: "nav-home" }];
  // The administrator is told nothing: notifications are about records they may not read.
  if (role !== "admin") desk.push({ view: { name: "notifications" }, text: "通知", id: "nav-notifications" });
  if (role !== "admin") desk.push({ view: { name: "requests" }, text: "依頼一覧", id: "nav-requests" });
  if (role === "staff" || role === "chief") {
    desk.push({ view: { name: "new-request" }, text: "新規依頼", id: "nav-new-request" });
  }
  if (role === "chief" || role === "contractor") {
    desk.push({ view: { name: "changes" }, text: "変更・計画停止", id: "nav-changes" });
  }
  if (role === "contractor") desk.push({ view: { name: "new-change" }, text: "変更の起案", id: "nav-new-change" });
  if (role === "chief" || role === "contractor") {
    desk.push({ view: { name: "incidents" }, text: "障害・SLA", id: "nav-incidents" });
  }
  if (role !== "admin") desk.push({ view: { name: "search" }, text: "ナレッジ検索", id: "nav-search" });
  desk.push({ view: { name: "calendar" }, text: "カレンダー", id: "nav-calendar" });
  const groups: MenuGroup[] = [{ title: "窓口", items: desk }];
  if (role === "chief" || role === "contractor") {
    groups.push({
      title: "記録・納品物",
      items: [
        { view: { name: "operations" }, text: "運用記録", id: "nav-operations" },
        { view: { name: "business-schedule" }, text: "業務日程表", id: "nav-business-schedule" },
        { view: { name: "meetings" }, text: "会議・議事録", id: "nav-meetings" },
        { view: { name: "register", meetingId: null }, text: "課題管理表", id: "nav-register" },
        { view: { name: "plan" }, text: "運用保守計画書", id: "nav-plan" },
        { view: { name: "deliverables" }, text: "納品物", id: "nav-deliverables" },
        { view: { name: "handover" }, text: "引継ぎ", id: "nav-handover" },
        ...(role === "contractor" ? [{ view: { name: "import" } as View, text: "過去データの取込", id: "nav-import" }] : []),
      ],
    });
  }
  if (role === "admin") {
    groups.push({
      title: "管理",
      items: [
        { view: { name: "accounts" }, text: "アカウント", id: "nav-accounts" },
        { view: { name: "settings" }, text: "運用設定", id: "nav-settings" },
        { view: { name: "database" }, text: "接続先", id: "nav-database" },
        { view: { name: "import" }, text: "過去データの取込", id: "nav-import" },
      ],
    });
  }
  return groups;
}

/** The menu entry lit while a view is open: a detail or form lights the list it belongs to. */
export function menuIdOf(view: View): string {
  switch (view.name) {
    case "request":
      return "nav-requests";
    case "change":
      return "nav-changes";
    case "incident":
    case "new-incident":
      return "nav-incidents";
    case "meeting":
    case "new-meeting":
    case "edit-meeting":
      return "nav-meetings";
    case "register-item":
    case "new-register-item":
      return "nav-register";
    case "contract":
      return view.from === "plan" ? "nav-plan" : "nav-settings";
    default:
      return `nav-${view.name}`;
  }
}
