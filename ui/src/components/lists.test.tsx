// @vitest-environment jsdom
// The list design every list shares, and the error summary of a refused form, in a DOM.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { forgetLists, opener, sortedBy, toggled, useKept } from "../lib/lists";
import { ErrorBanner, Field, SortHeader } from "./ui";
import type { AppError, Order } from "../api/types";

afterEach(() => {
  cleanup();
  forgetLists();
});

describe("sorting", () => {
  it("sorts Japanese text, numbers as numbers, empty values last either way", () => {
    const rows = [{ n: "課題10" }, { n: "" }, { n: "課題2" }, { n: "あいう" }];
    expect(sortedBy(rows, (r) => r.n, "ascending").map((r) => r.n)).toEqual(["あいう", "課題2", "課題10", ""]);
    expect(sortedBy(rows, (r) => r.n, "descending").map((r) => r.n)).toEqual(["課題10", "課題2", "あいう", ""]);
  });
  it("turns the sorted column round; another column starts ascending", () => {
    expect(toggled({ column: "a", direction: "ascending" }, "a").direction).toBe("descending");
    expect(toggled({ column: "a", direction: "descending" }, "b")).toEqual({ column: "b", direction: "ascending" });
  });
  it("says the order in aria-sort and turns it with a click", () => {
    function Head() {
      const [order, setOrder] = useState<Order<"no" | "title">>({ column: "no", direction: "ascending" });
      return (
        <table><thead><tr>
          <SortHeader column="no" order={order} onSort={setOrder}>番号</SortHeader>
          <SortHeader column="title" order={order} onSort={setOrder}>件名</SortHeader>
        </tr></thead></table>
      );
    }
    render(<Head />);
    const [no, title] = screen.getAllByRole("columnheader");
    expect(no.getAttribute("aria-sort")).toBe("ascending");
    expect(title.getAttribute("aria-sort")).toBe("none");
    fireEvent.click(screen.getByRole("button", { name: /番号/ }));
    expect(no.getAttribute("aria-sort")).toBe("descending");
  });
});

describe("kept filters", () => {
  function List() {
    const [text, setText] = useKept("test.text", "");
    return <input aria-label="キーワード" value={text} onChange={(e) => setText(e.target.value)} />;
  }
  it("come back when the list opens again, and are gone after a log-out", () => {
    const first = render(<List />);
    fireEvent.change(screen.getByLabelText("キーワード"), { target: { value: "帳票" } });
    first.unmount();
    const again = render(<List />);
    expect((screen.getByLabelText("キーワード") as HTMLInputElement).value).toBe("帳票");
    again.unmount();
    forgetLists();
    render(<List />);
    expect((screen.getByLabelText("キーワード") as HTMLInputElement).value).toBe("");
  });
});

describe("rows a keyboard opens", () => {
  it("Enter opens the focused row; ↓ and ↑ move between rows", () => {
    const open = vi.fn();
    render(
      <table><tbody>
        {[1, 2, 3].map((id) => <tr key={id} data-testid={`row-${id}`} {...opener(() => open(id))}><td>{id}</td></tr>)}
      </tbody></table>,
    );
    const row = (id: number) => screen.getByTestId(`row-${id}`);
    row(1).focus();
    fireEvent.keyDown(row(1), { key: "ArrowDown" });
    expect(document.activeElement).toBe(row(2));
    fireEvent.keyDown(row(2), { key: "ArrowDown" });
    fireEvent.keyDown(row(3), { key: "ArrowDown" });
    expect(document.activeElement).toBe(row(3));
    fireEvent.keyDown(row(3), { key: "ArrowUp" });
    fireEvent.keyDown(row(2), { key: "Enter" });
    expect(open).toHaveBeenCalledWith(2);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe("error summary", () => {
  it("lists each field's message as a link to the field, and takes the focus", () => {
    const error: AppError = {
      code: "validation",
      message: "入力内容を確認してください。",
      fields: [
        { field: "title", label: "件名", message: "件名を入力してください。", row: null },
        { field: "body", label: "内容", message: "内容を入力してください。", row: null },
      ],
    };
    render(
      <form>
        <ErrorBanner error={error} />
        <Field id="req-title" label="件名" required error="件名を入力してください。"><input id="req-title" /></Field>
        <Field id="req-body" label="内容" required error="内容を入力してください。"><textarea id="req-body" /></Field>
      </form>,
    );
    const summary = document.getElementById("error-banner")!;
    expect(document.activeElement).toBe(summary);
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual(["件名：件名を入力してください。", "内容：内容を入力してください。"]);
    expect(summary.textContent).toContain("（2件）");
    act(() => links[1].click());
    expect(document.activeElement).toBe(document.getElementById("req-body"));
  });
});
