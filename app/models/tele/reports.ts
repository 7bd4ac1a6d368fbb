// Pure rules of the remote-support reports: the period (months), the share of consultations
// resolved locally, and the order of report rows. No clock, no database: `today` is an argument.
import { sql, type SQL } from "drizzle-orm";
import { sqlList } from "~/db/sql";
import { RESOLVED_LOCALLY_OUTCOMES, type TeleOutcome } from "~/models/enums";
import { DomainError } from "~/models/errors";

/** Longest period a report covers: three years of months keeps every table and chart readable. */
export const MAX_REPORT_MONTHS = 36;
/** Spokes drawn beside the province (or report) line in the resolved-locally chart. */
export const SHARE_CHART_SPOKES = 5;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && MONTH_PATTERN.test(value);
}

/** The month `n` months after `month` (negative goes back). */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_REPORT_MONTHS * 4; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

/** The first and last calendar day of a period of months, as dates for the `held_on` column. */
export function periodDates(period: { fromMonth: string; toMonth: string }): { start: string; end: string } {
  const [y, m] = period.toMonth.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${period.fromMonth}-01`, end: `${period.toMonth}-${String(lastDay).padStart(2, "0")}` };
}

export type ReportPeriod = { fromMonth: string; toMonth: string };

/**
 * The period a report asks for: both months given, or the twelve months ending with today's
 * when neither is. A malformed month, an end before the start, an end after this month or a
 * span beyond MAX_REPORT_MONTHS is refused next to its field.
 */
export function resolvePeriod(input: { from?: string | null; to?: string | null }, today: string): ReportPeriod {
  const thisMonth = today.slice(0, 7);
  const from = input.from?.trim() || null;
  const to = input.to?.trim() || null;
  if (from !== null && !isMonth(from)) throw new DomainError("tele:reports.errors.month", { field: "from" });
  if (to !== null && !isMonth(to)) throw new DomainError("tele:reports.errors.month", { field: "to" });
  const toMonth = to ?? thisMonth;
  const fromMonth = from ?? addMonthsToMonth(toMonth, -11);
  if (toMonth < fromMonth) throw new DomainError("tele:reports.errors.order", { field: "to" });
  if (toMonth > thisMonth) throw new DomainError("tele:reports.errors.future", { field: "to" });
  if (monthsOf(fromMonth, toMonth).length > MAX_REPORT_MONTHS) {
    throw new DomainError("tele:reports.errors.span", { field: "from", params: { months: MAX_REPORT_MONTHS } });
  }
  return { fromMonth, toMonth };
}

/** Whether an outcome kept the patient at the spoke (a referral avoided). */
export function isResolvedLocally(outcome: TeleOutcome | null): boolean {
  return outcome !== null && (RESOLVED_LOCALLY_OUTCOMES as readonly string[]).includes(outcome);
}

/** The same rule over an outcome column, for the counts in SQL. */
export function resolvedLocallySql(outcome: SQL): SQL {
  return sql`(${outcome} in ${sqlList(RESOLVED_LOCALLY_OUTCOMES)})`;
}

/**
 * The share resolved locally, in percent with `digits` decimals, of the consultations that have
 * an outcome; null when there are none (a chart shows a gap, a table a dash, never 0 %).
 */
export function resolvedShare(resolved: number, withOutcome: number, digits = 1): number | null {
  if (withOutcome <= 0) return null;
  const factor = 10 ** digits;
  return Math.round((resolved / withOutcome) * 100 * factor) / factor;
}

/** The measures of one report row. */
export type TeleMeasures = {
  consultations: number;
  resolvedLocally: number;
  referredUp: number;
  /** Consultations with an outcome recorded: the share's denominator. */
  withOutcome: number;
  trainings: number;
  trainingMinutes: number;
  attendees: number;
};

export const NO_MEASURES: TeleMeasures = { consultations: 0, resolvedLocally: 0, referredUp: 0, withOutcome: 0, trainings: 0, trainingMinutes: 0, attendees: 0 };

/** Training hours to one decimal. */
export function trainingHours(m: Pick<TeleMeasures, "trainingMinutes">): number {
  return Math.round((m.trainingMinutes / 60) * 10) / 10;
}

export function addMeasures(a: TeleMeasures, b: Partial<TeleMeasures>): TeleMeasures {
  return {
    consultations: a.consultations + (b.consultations ?? 0),
    resolvedLocally: a.resolvedLocally + (b.resolvedLocally ?? 0),
    referredUp: a.referredUp + (b.referredUp ?? 0),
    withOutcome: a.withOutcome + (b.withOutcome ?? 0),
    trainings: a.trainings + (b.trainings ?? 0),
    trainingMinutes: a.trainingMinutes + (b.trainingMinutes ?? 0),
    attendees: a.attendees + (b.attendees ?? 0),
  };
}

/** Rows by volume (sessions of both kinds), largest first; ties by label in Vietnamese order. */
export function byVolume<T extends TeleMeasures & { label: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => b.consultations + b.trainings - (a.consultations + a.trainings) || a.label.localeCompare(b.label, "vi"));
}

/** The `/tele/sessions` query that lists the sessions behind a report row. */
export function sessionLogQuery(filters: ReportPeriod & { hub: number | null; spoke: number | null; chapter: number | null; province: string | null }, extra: { hub?: number | null; spoke?: number | null; chapter?: number | null; month?: string; kind?: string; outcome?: string }): string {
  const fromMonth = extra.month ?? filters.fromMonth;
  const toMonth = extra.month ?? filters.toMonth;
  const { start, end } = periodDates({ fromMonth, toMonth });
  const params = new URLSearchParams();
  const hub = extra.hub !== undefined ? extra.hub : filters.hub;
  const spoke = extra.spoke !== undefined ? extra.spoke : filters.spoke;
  const chapter = extra.chapter !== undefined ? extra.chapter : filters.chapter;
  if (hub !== null) params.set("hub", String(hub));
  if (spoke !== null) params.set("spoke", String(spoke));
  if (chapter !== null) params.set("chapter", String(chapter));
  if (filters.province !== null) params.set("province", filters.province);
  if (extra.kind) params.set("kind", extra.kind);
  if (extra.outcome) params.set("outcome", extra.outcome);
  params.set("from", start);
  params.set("to", end);
  return `/tele/sessions?${params.toString()}`;
}
