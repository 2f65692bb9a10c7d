import { describe, expect, it } from "vitest";
import { addDate } from "./Settings";

describe("date list editing", () => {
  it("keeps dates sorted and unique", () => {
    expect(addDate(["2027-05-06"], "2027-01-04")).toEqual(["2027-01-04", "2027-05-06"]);
    expect(addDate(["2027-01-04"], "2027-01-04")).toEqual(["2027-01-04"]);
  });
  it("ignores an empty or partial date", () => {
    expect(addDate([], "")).toEqual([]);
    expect(addDate([], "2027-1-4")).toEqual([]);
  });
});
