// The editions of the national list the planner knows by name (the import form offers them;
// another edition can be given a code and name). No server code: the form reads it too.
/** Editions the planner knows by name; another edition can be given a code and name. */
export const KNOWN_EDITIONS = {
  qd7603: { name: "QĐ 7603/QĐ-BYT (Thông tư 43/2013, 21/2017)", effectiveFrom: "2018-12-25", effectiveTo: null },
  "tt23-2024-pl1": { name: "Thông tư 23/2024/TT-BYT, Phụ lục 1", effectiveFrom: null, effectiveTo: "2027-12-31" },
} as const satisfies Record<string, { name: string; effectiveFrom: string | null; effectiveTo: string | null }>;

