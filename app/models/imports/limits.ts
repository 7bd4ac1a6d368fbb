// The limits every import holds to: shown on the upload forms (so no server code here) and
// enforced by the reader (read-table.server.ts).

/** The largest file an import accepts (the routes refuse bigger uploads before reading them). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Rows per file; a longer file is refused whole, with this number in the message. */
export const MAX_IMPORT_ROWS = 100_000;
