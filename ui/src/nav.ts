export type View =
  | { name: "home" }
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
  | { name: "contract"; from: "plan" | "settings" };

export type Go = (v: View) => void;
