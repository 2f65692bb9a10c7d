// The window speaks the contract's words: no screen, label or message uses a word the
// glossary (hoshu_core::glossary, written to glossary.gen.json) says the contract does not use.
import { describe, expect, it } from "vitest";
import glossary from "./glossary.gen.json";

const sources = import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts", "!../**/*.test.tsx"], {
  query: "?raw", import: "default", eager: true,
});

describe("glossary", () => {
  it("reads every source of the window", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(40);
    expect(Object.keys(sources)).toContain("../screens/Deliverables.tsx");
  });
  it("no source uses a word the contract does not use", () => {
    expect(glossary.not_used.length).toBeGreaterThan(0);
    for (const [file, text] of Object.entries(sources)) {
      for (const { word, instead } of glossary.not_used) {
        expect(text.includes(word), `${file}: 「${word}」ではなく「${instead}」`).toBe(false);
      }
    }
  });
  it("every word to use instead is one the plan defines", () => {
    const terms = glossary.terms.map((t) => t.term);
    for (const { instead } of glossary.not_used) expect(terms).toContain(instead);
  });
});
