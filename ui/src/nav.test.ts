import { describe, expect, it } from "vitest";
import { menuFor, menuIdOf, type View } from "./nav";

const ids = (role: Parameters<typeof menuFor>[0]) => menuFor(role).flatMap((g) => g.items.map((i) => i.id));

describe("side menu", () => {
  it("gives each role its own sections", () => {
    expect(ids("staff")).toEqual([
      "nav-home", "nav-notifications", "nav-requests", "nav-new-request", "nav-search", "nav-calendar",
    ]);
    expect(ids("chief")).toEqual([
      "nav-home", "nav-notifications", "nav-requests", "nav-new-request", "nav-changes", "nav-incidents", "nav-search", "nav-calendar",
      "nav-operations", "nav-business-schedule", "nav-meetings", "nav-register", "nav-plan", "nav-deliverables",
      "nav-handover",
    ]);
    expect(ids("contractor")).toContain("nav-new-change");
    expect(ids("contractor")).not.toContain("nav-new-request");
    expect(ids("contractor")).toContain("nav-import");
    expect(ids("contractor")).toContain("nav-handover");
    expect(ids("contractor")).toContain("nav-notifications");
    expect(ids("admin")).toEqual([
      "nav-home", "nav-calendar", "nav-accounts", "nav-settings", "nav-database", "nav-import",
    ]);
  });

  it("groups the records and deliverables apart from the desk", () => {
    expect(menuFor("contractor").map((g) => g.title)).toEqual(["窓口", "記録・納品物"]);
    expect(menuFor("admin").map((g) => g.title)).toEqual(["窓口", "管理"]);
  });

  it("lights the list a detail or form belongs to", () => {
    const cases: [View, string][] = [
      [{ name: "request", id: 3 }, "nav-requests"],
      [{ name: "new-incident" }, "nav-incidents"],
      [{ name: "edit-meeting", id: 4 }, "nav-meetings"],
      [{ name: "register-item", id: 9 }, "nav-register"],
      [{ name: "contract", from: "plan" }, "nav-plan"],
      [{ name: "contract", from: "settings" }, "nav-settings"],
      [{ name: "deliverables" }, "nav-deliverables"],
      [{ name: "business-schedule" }, "nav-business-schedule"],
    ];
    for (const [view, id] of cases) expect(menuIdOf(view)).toBe(id);
  });

  it("lights an entry every menu item can reach", () => {
    for (const role of ["staff", "chief", "contractor", "admin"] as const) {
      for (const g of menuFor(role)) for (const item of g.items) expect(menuIdOf(item.view)).toBe(item.id);
    }
  });
});
