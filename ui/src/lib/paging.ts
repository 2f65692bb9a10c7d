// Paging of the long lists (requests, meetings, issue register).

/** How many pages `total` rows make; an empty list still has its one (empty) page. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** 「1,234件中 51〜100件」 */
export function rangeText(total: number, page: number, perPage: number): string {
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  return `${total.toLocaleString("ja-JP")}件中 ${first}〜${Math.min(page * perPage, total)}件`;
}
