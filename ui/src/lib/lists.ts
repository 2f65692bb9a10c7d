// What every list screen shares: filters that survive opening an item and coming back, column
// sorting, and rows that a keyboard reaches and opens.
import { useCallback, useState } from "react";
import type { KeyboardEvent } from "react";
import type { Order, SortDirection } from "../api/types";

/**
 * Filters, page and sort order of each list, kept in the window's memory while its person is
 * logged in (never on disk: a shared terminal keeps nothing of the person). `forgetLists` runs
 * at every log-out.
 */
const kept = new Map<string, unknown>();

export function forgetLists(): void {
  kept.clear();
}

/** Sets what the list `key` finds when its screen opens next (a link to a filtered list). */
export function keep<T>(key: string, value: T): void {
  kept.set(key, value);
}

/** `useState` that the list `key` finds again when its screen opens once more. */
export function useKept<T>(key: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  const set = useCallback((next: T) => {
    kept.set(key, next);
    setValue(next);
  }, [key]);
  return [value, set];
}

/** A list's order, as the API takes it: the column and which way it runs. */
export type SortOrder<C extends string> = Order<C>;

/** Clicking the sorted column turns it round; another column starts ascending. */
export function toggled<C extends string>(order: SortOrder<C>, column: C): SortOrder<C> {
  if (order.column === column) {
    return { column, direction: order.direction === "ascending" ? "descending" : "ascending" };
  }
  return { column, direction: "ascending" };
}

const collator = new Intl.Collator("ja", { numeric: true });
export type SortKey = string | number | null | undefined;

/**
 * Rows sorted by `key` (Japanese collation for text, numbers as numbers); empty values last in
 * either direction; ties keep their order.
 */
export function sortedBy<T>(rows: readonly T[], key: (row: T) => SortKey, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, k: key(row) }))
    .sort((a, b) => {
      const aEmpty = a.k === null || a.k === undefined || a.k === "";
      const bEmpty = b.k === null || b.k === undefined || b.k === "";
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      const c = typeof a.k === "number" && typeof b.k === "number"
        ? a.k - b.k
        : collator.compare(String(a.k), String(b.k));
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}

/** The `aria-sort` of a column header. */
export function ariaSort<C extends string>(order: SortOrder<C>, column: C): SortDirection | "none" {
  return order.column === column ? order.direction : "none";
}

/**
 * Props that make a row or card of a list a keyboard stop: Enter (or Space) opens it, ↑/↓ move
 * to the row above or below, as in a mail client's list.
 */
export function opener(open: () => void) {
  return {
    tabIndex: 0,
    onClick: open,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open();
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        const next = e.key === "ArrowDown"
          ? e.currentTarget.nextElementSibling
          : e.currentTarget.previousElementSibling;
        if (next instanceof HTMLElement && next.tabIndex >= 0) {
          e.preventDefault();
          next.focus();
        }
      }
    },
  };
}
