import { describe, expect, it } from "vitest";
import { pageCount, rangeText } from "./paging";

describe("paging", () => {
  it("counts pages, an empty list being one page", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(100_000, 50)).toBe(2000);
  });
  it("says which rows are shown", () => {
    expect(rangeText(0, 1, 50)).toBe("0件中 0〜0件");
    expect(rangeText(59, 2, 50)).toBe("59件中 51〜59件");
    expect(rangeText(100_000, 3, 50)).toBe("100,000件中 101〜150件");
  });
});
