// The field schemas every form and filter is built from: text, numbers, ids, versions,
// checkboxes, choices and dates, with one table of length limits. Each behaves the same whether
// Conform parses the form (it has already turned "" into undefined and "12" into 12) or a
// model reads plain strings (a query string, an import row, a test): text is trimmed, a blank
// optional field is absent, a number may arrive as text. Messages are translation keys; where
// a schema does not word one, zod's own is translated by `utils/zod-messages.ts`.
import { z } from "zod";
import { isIsoDate, normalizeDateInput } from "~/models/dates";
import { installZodMessages } from "~/utils/zod-messages";

// Zod's default (English) messages become translation keys wherever these fields are used,
// in the server and in the browser (the root no longer carries zod: pages with forms do).
installZodMessages();

export const REQUIRED = "common:validation.required";
export const INVALID = "common:validation.invalid";
export const TOO_LONG = "common:validation.tooLong";

/**
 * Longest text of each kind of field, in every form and import. A kind, not a form: two
 * forms asking for the same thing (a person's name, a decision number) allow the same length.
 */
export const LIMITS = {
  /** A person's name, an account's display name, an edition's name. */
  personName: 200,
  /** Titles and names of records: agreements, meetings, documents, courses, facilities. */
  title: 300,
  shortName: 80,
  /** Academic title or position ("ThS.BS", "Trưởng khoa"). */
  academicTitle: 120,
  /** Numbers of agreements, minutes, decisions (126/HĐ-BVĐK2, 1234/QĐ-SYT). */
  recordNumber: 60,
  /** A technique's name as a permit words it. */
  techniqueName: 500,
  /** A decision that permits a new technique, quoted with its date. */
  permissionDecision: 100,
  licenceNumber: 60,
  facilityCode: 40,
  /** Province and commune codes. */
  regionCode: 10,
  /** A catalogue code, or a billing code CC.SSSS.GGGG (12). */
  techniqueCode: 20,
  /** Technique codes typed as a list ("10.367, 10.800"). */
  codeList: 4000,
  email: 200,
  unit: 60,
  username: 64,
  password: 1000,
  /** A search box. */
  search: 200,
  /** A short note or reason. */
  note: 1000,
  /** A comment, a reason for a decision, a line's notes. */
  comment: 2000,
  /** Free notes and descriptions of a record. */
  notes: 4000,
  /** Minutes' decisions, a report's notes. */
  longText: 8000,
  /** The lines of a technique-list request. */
  requestLines: 20_000,
} as const;

/** Largest id a form may name; anything beyond is no record, refused before a query. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Blank (absent, null, "" or spaces) is absent; anything else as it came. */
export const blankToUndefined = (value: unknown) => (isBlank(value) ? undefined : value);

/**
 * `schema` after `prepare`, typed by what the schema itself takes: forms and callers go on
 * passing numbers and booleans (Conform's parse turns the form's text into them), while a
 * plain parse of text gets the same result.
 */
function prepared<T extends z.ZodTypeAny>(prepare: (value: unknown) => unknown, schema: T) {
  return z.preprocess(prepare, schema) as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>;
}

/** "12" is 12 (forms and query strings send text); blank is absent; other values as they came. */
function toNumber(value: unknown): unknown {
  if (isBlank(value)) return undefined;
  return typeof value === "string" ? Number(value) : value;
}

// ---- Text -----------------------------------------------------------------------------------

/** Required text, trimmed: blank or only spaces is "required", longer than `max` "too long". */
export function requiredText(max: number, messages: { required?: string; tooLong?: string } = {}) {
  const required = messages.required ?? REQUIRED;
  return z
    .string({ required_error: required, invalid_type_error: INVALID })
    .trim()
    .min(1, required)
    .max(max, messages.tooLong ?? TOO_LONG);
}

/** Optional text, trimmed; blank or only spaces is absent (stored as null), never "". */
export function optionalText(max: number) {
  return z
    .string({ invalid_type_error: INVALID })
    .trim()
    .max(max, TOO_LONG)
    .optional()
    .transform((value) => (value === "" ? undefined : value));
}

const EMAIL = z.string().email();

/** An optional e-mail address, trimmed; blank is absent, anything else must be an address. */
export function optionalEmail(message = "common:validation.email") {
  return z
    .string({ invalid_type_error: INVALID })
    .trim()
    .max(LIMITS.email, TOO_LONG)
    .refine((value) => value === "" || EMAIL.safeParse(value).success, message)
    .optional()
    .transform((value) => (value === "" ? undefined : value));
}

// ---- Numbers and ids ------------------------------------------------------------------------

type NumberRules = (n: z.ZodNumber) => z.ZodNumber;
const same: NumberRules = (n) => n;

/**
 * A required number, from a form field or text ("12"): blank is "required", text that is no
 * number (or is infinite) "invalid", a fraction where a whole number is due "not a whole
 * number" (the translated defaults); `rules` adds the field's own range and messages.
 */
export function requiredNumber(rules: NumberRules = same, messages: { required?: string; invalid?: string } = {}) {
  const base = z.number({ required_error: messages.required ?? REQUIRED, invalid_type_error: messages.invalid }).finite(messages.invalid ?? INVALID);
  return prepared(toNumber, rules(base));
}

/** An optional number: blank is absent, otherwise as `requiredNumber`. */
export function optionalNumber(rules: NumberRules = same, messages: { invalid?: string } = {}) {
  const base = z.number({ invalid_type_error: messages.invalid }).finite(messages.invalid ?? INVALID);
  return prepared(toNumber, rules(base).optional());
}

/** A number that takes `fallback` when left blank. */
export function numberWithDefault(fallback: number, rules: NumberRules = same, messages: { invalid?: string } = {}) {
  const base = z.number({ invalid_type_error: messages.invalid }).finite(messages.invalid ?? INVALID);
  return prepared(toNumber, rules(base).default(fallback));
}

const idRules: NumberRules = (n) => n.int().positive().max(MAX_ID);

/** The id of a record chosen in a form (a select, a hidden field, a button's value). */
export const id = requiredNumber(idRules);
/** An id the form may leave blank. */
export const optionalId = optionalNumber(idRules);
/** Ids chosen from a list (checkboxes, a multiple select), at most `max` of them. */
export const idList = (max: number) => z.array(id).max(max);

/**
 * The version of a record a form was read at, sent back so a stale edit is refused (409)
 * instead of overwriting a newer one.
 */
export const version = requiredNumber((n) => n.int().min(0));
/** The version on a form that both creates (no version yet) and edits. */
export const optionalVersion = optionalNumber((n) => n.int().min(0));

// ---- Checkboxes and choices -----------------------------------------------------------------

const isChecked = (value: unknown) => value === true || value === "on" || value === "true";

/** A checkbox: ticked ("on") is true, absent (an unticked box sends nothing) false. */
export const checkbox = prepared(isChecked, z.boolean().default(false));

/** A checkbox whose absence means "unchanged" or "the default" to its command: absent is undefined. */
export const optionalCheckbox = prepared((value) => (value === undefined ? undefined : isChecked(value)), z.boolean().optional());

/** One value of a fixed list (a select or radio): missing is "required", any other value "invalid choice". */
export function choice<U extends string, T extends Readonly<[U, ...U[]]>>(values: T) {
  return z.enum(values, { required_error: REQUIRED, invalid_type_error: INVALID });
}

// ---- Dates ----------------------------------------------------------------------------------

/**
 * THE calendar-date field of every form and filter: dd/mm/yyyy or yyyy-MM-dd in, a real
 * `yyyy-MM-dd` out (2026-02-30 and 30/02/2026 refused). Add `.optional()` where blank is allowed.
 */
export const calendarDate = z
  .string({ required_error: "common:validation.required" })
  .transform(normalizeDateInput)
  .refine(isIsoDate, "common:validation.invalidDate");

/** A calendar date (dd/mm/yyyy or yyyy-MM-dd in, yyyy-MM-dd out); see `calendarDate`. */
export const date = calendarDate;
/** A calendar date the form may leave blank (blank is absent, not an invalid date). */
export const optionalDate = prepared(blankToUndefined, calendarDate.optional());

// ---- Query strings --------------------------------------------------------------------------

/** A search box of a list page; too long or odd input is no filter rather than an error page. */
export const searchFilter = z.string().trim().max(LIMITS.search).optional().catch(undefined);
/** A record chosen as a list filter (`?facility=12`); anything else is no filter. */
export const idFilter = optionalId.catch(undefined);
/** A province code as a list filter. */
export const regionFilter = z.string().trim().max(LIMITS.regionCode).optional().catch(undefined);
