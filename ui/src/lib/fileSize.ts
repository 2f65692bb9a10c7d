// Sizes of files as people read them. Where a file goes is chosen in the save dialog, which
// the shell opens itself: the window never names a path.

/** 1.2 MB / 84 KB / 512 バイト */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} バイト`;
}
