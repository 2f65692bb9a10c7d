import type { Labels } from "../api/types";

let current: Labels = {};

export function setLabels(l: Labels): void {
  current = l;
}

/** Japanese label of a code (falls back to the code itself). */
export function label(group: string, code: string | null | undefined): string {
  if (!code) return "";
  return current[group]?.find((c) => c.code === code)?.label ?? code;
}

export function options(group: string) {
  return current[group] ?? [];
}
