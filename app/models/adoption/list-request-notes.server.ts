// The dated thread of a technique-list request: each submission, resubmission, decision and
// comment is its own entry with its author and instant. Entries are only ever added, so a
// return comment never replaces the facility's note.
import { asc, eq } from "drizzle-orm";
import { techniqueListRequestNotes, techniques, users } from "~/db/schema";
import type { Tx } from "~/models/audit/audit.server";
import type { ListRequestNoteKind } from "~/models/enums";

export type NoteInput = {
  requestId: number;
  kind: ListRequestNoteKind;
  userId: number | null;
  /** The instant of the event itself (UTC ISO), the same one stored on the request. */
  at: string;
  body?: string | null;
  lines?: number | null;
  techniqueId?: number | null;
  decisionNumber?: string | null;
  decisionOn?: string | null;
};

/** Adds entries to a request's thread (inside the caller's transaction). */
export function addRequestNotes(db: Tx, notes: NoteInput[]) {
  if (notes.length === 0) return;
  db.insert(techniqueListRequestNotes)
    .values(
      notes.map((n) => ({
        requestId: n.requestId,
        kind: n.kind,
        userId: n.userId,
        createdAt: n.at,
        body: n.body?.trim() || null,
        lines: n.lines ?? null,
        techniqueId: n.techniqueId ?? null,
        decisionNumber: n.decisionNumber ?? null,
        decisionOn: n.decisionOn ?? null,
      })),
    )
    .run();
}

export type RequestNote = {
  id: number;
  kind: ListRequestNoteKind;
  at: string;
  author: string | null;
  body: string | null;
  lines: number | null;
  techniqueCode: string | null;
  decisionNumber: string | null;
  decisionOn: string | null;
};

/** The thread in the order it was written. */
export function listRequestNotes(db: Tx, requestId: number): RequestNote[] {
  return db
    .select({
      id: techniqueListRequestNotes.id,
      kind: techniqueListRequestNotes.kind,
      at: techniqueListRequestNotes.createdAt,
      author: users.displayName,
      body: techniqueListRequestNotes.body,
      lines: techniqueListRequestNotes.lines,
      techniqueCode: techniques.code,
      decisionNumber: techniqueListRequestNotes.decisionNumber,
      decisionOn: techniqueListRequestNotes.decisionOn,
    })
    .from(techniqueListRequestNotes)
    .leftJoin(users, eq(users.id, techniqueListRequestNotes.userId))
    .leftJoin(techniques, eq(techniques.id, techniqueListRequestNotes.techniqueId))
    .where(eq(techniqueListRequestNotes.requestId, requestId))
    .orderBy(asc(techniqueListRequestNotes.id))
    .all();
}
