// Where a rendered document goes: the desktop's own save dialog. The end-to-end tests cannot
// drive that native window, so they put the path the dialog would return on
// `window.__HOSHU_SAVE_PATH__` first (tests/e2e/e2e.mjs); nothing else sets it.
import { save } from "@tauri-apps/plugin-dialog";

declare global {
  interface Window { __HOSHU_SAVE_PATH__?: string }
}

export interface SaveKind { name: string; extensions: string[] }

export const PDF: SaveKind = { name: "PDF", extensions: ["pdf"] };
export const XLSX: SaveKind = { name: "Excel ブック", extensions: ["xlsx"] };

/** The path the user chose, or null when the dialog was cancelled. */
export async function chooseSavePath(defaultName: string, kind: SaveKind, title: string): Promise<string | null> {
  const preset = window.__HOSHU_SAVE_PATH__;
  if (preset) {
    delete window.__HOSHU_SAVE_PATH__;
    return preset;
  }
  return save({ defaultPath: defaultName, title, filters: [kind] });
}

/** 1.2 MB / 84 KB / 512 バイト */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} バイト`;
}
