// The colours that make controls findable hold WCAG's 3:1 against the grounds they sit on
// (1.4.11, what JIS X 8341-3 AA asks), and body text its 4.5:1: read from styles.css itself.
import { describe, expect, it } from "vitest";
import css from "./styles.css?raw";
import records from "./records.css?raw";
import register from "./register.css?raw";
import meetings from "./meetings.css?raw";
import search from "./search.css?raw";
const variable = (name: string) => {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!m) throw new Error(`--${name} is not a #rrggbb colour in styles.css`);
  return m[1];
};
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("contrast", () => {
  const grounds = ["#ffffff", variable("bg"), variable("panel")];
  it("input and button borders: 3:1 on every ground", () => {
    for (const g of grounds) expect(contrast(variable("field-line"), g)).toBeGreaterThanOrEqual(3);
  });
  it("the focus ring: 3:1 on every ground, and its halo on the navy top bar", () => {
    for (const g of grounds) expect(contrast(variable("focus"), g)).toBeGreaterThanOrEqual(3);
    expect(contrast(variable("focus-halo"), variable("navy"))).toBeGreaterThanOrEqual(3);
  });
  it("text and muted text: 4.5:1 on every ground", () => {
    for (const g of grounds) {
      expect(contrast(variable("ink"), g)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(variable("muted"), g)).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("every badge (status, 至急, 高): its text 4.5:1 on its own background", () => {
    const badges = [...css.matchAll(/\.badge[^{]*{[^}]*?background:\s*(#[0-9a-fA-F]{6});\s*color:\s*(#[0-9a-fA-F]{6})/g)];
    expect(badges.length).toBeGreaterThanOrEqual(7);
    for (const [rule, background, color] of badges) {
      expect(contrast(color, background), rule).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("body text is 16 px and nothing is set below 14 px", () => {
    expect(css).toMatch(/:root\s*{[^}]*font-size:\s*16px/);
    const all = [css, records, register, meetings, search].join("\n");
    const sizes = [...all.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });
});
