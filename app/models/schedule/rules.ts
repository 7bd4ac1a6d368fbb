// The one "a person cannot be in two places" rule. Pure: the commitments are
// loaded by commitments.server.ts; the rotation form, the board, the suggestions, the
// enrolments and the solver all ask this module. Dates are inclusive `yyyy-MM-dd` ranges.
// A period of unavailability (leave, illness) holds the person's days like any commitment.
import { overlaps, type DateRange } from "~/models/dates";
import { ConflictError } from "~/models/errors";

export const COMMITMENT_KINDS = ["rotation", "course_attendance", "course_training", "unavailability"] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/** Something that holds a person for whole days: a rotation, a course they attend or train, or a period away. */
export type Commitment = {
  kind: CommitmentKind;
  /** Id of the rotation, of the course or of the unavailability period. */
  id: number;
  title: string;
  /**
   * The title for an English reader. A rotation is titled by its receiving facility, whose
   * English name (when stored) replaces the Vietnamese short name; a course keeps its title;
   * a period away is titled by its kind (annual leave, sick leave...) in each language.
   * Both travel together so that a message or a page picks the reader's at render.
   */
  titleEn: string;
  start: string;
  end: string;
};

/** A commitment to leave out, e.g. the rotation being edited or the enrolment being changed. */
export type CommitmentRef = { kind: CommitmentKind; id: number };

export type ClashOptions = { ignore?: CommitmentRef | CommitmentRef[] | null };

/** Whether a commitment is a course (attended or trained), as opposed to a rotation or a period away. */
export function isCourseKind(kind: CommitmentKind): boolean {
  return kind === "course_attendance" || kind === "course_training";
}

function ignored(commitment: Commitment, ignore: ClashOptions["ignore"]): boolean {
  if (!ignore) return false;
  const list = Array.isArray(ignore) ? ignore : [ignore];
  // A course the person attends and trains is one course: ignoring it ignores both roles.
  const sameCourse = (a: CommitmentKind, b: CommitmentKind) => isCourseKind(a) && isCourseKind(b);
  return list.some(
    (ref) =>
      ref.id === commitment.id &&
      (ref.kind === commitment.kind || sameCourse(ref.kind, commitment.kind)),
  );
}

/** The commitments that share at least one day with `range`, earliest first. */
export function findClashes(
  commitments: readonly Commitment[],
  range: DateRange,
  options: ClashOptions = {},
): Commitment[] {
  return commitments
    .filter((c) => !ignored(c, options.ignore) && overlaps({ start: c.start, end: c.end }, range))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
}

/** Whether the person is free on every day of `range`. */
export function isFree(
  commitments: readonly Commitment[],
  range: DateRange,
  options: ClashOptions = {},
): boolean {
  return findClashes(commitments, range, options).length === 0;
}

/**
 * Translation parameters that name a clashing record in a message. The English templates
 * read `titleEn`, the Vietnamese ones `title`, so the message follows its reader's language.
 */
export function clashParams(clash: Pick<Commitment, "kind" | "title" | "titleEn" | "start" | "end">): Record<string, string> {
  return { kind: clash.kind, title: clash.title, titleEn: clash.titleEn, start: clash.start, end: clash.end };
}

/** The 409 that names a clash: key `rotations:errors.clash.<kind>` with {title, titleEn, start, end}. */
export function clashError(clash: Commitment, field: string | null = null): ConflictError {
  return new ConflictError(`rotations:errors.clash.${clash.kind}`, { field, params: clashParams(clash) });
}
