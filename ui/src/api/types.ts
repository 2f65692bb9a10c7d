// The types of the data crossing into the window. They are generated from the Rust types
// (`wire.gen.ts`, written by the hoshu-desktop tests): change the Rust type and regenerate,
// never edit them here. This file adds only the window's own names for them.
import type * as Wire from "./wire.gen";

export type * from "./wire.gen";

/** ISO 8601 instant (UTC). */
export type Instant = string;
/** ISO date YYYY-MM-DD. */
export type IsoDate = string;

/** Japanese labels of each group of codes, from the shell's `labels`. */
export type Labels = Record<string, Wire.Coded[]>;

// A list query as a screen builds it: every field of these Rust types has a default
// (`#[serde(default)]`), so a screen sends only what it filters by.
export type RequestListQuery = Partial<Wire.RequestListQuery>;
export type ChangeListQuery = Partial<Wire.ChangeListQuery>;
export type MeetingListQuery = Partial<Wire.MeetingListQuery>;
export type IncidentListQuery = Partial<Wire.IncidentListQuery>;
export type RegisterListQuery = Partial<Wire.RegisterListQuery>;
export type SearchQuery = Partial<Wire.SearchQuery>;
export type AccountFilter = Partial<Wire.AccountFilter>;
