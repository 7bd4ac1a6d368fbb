// The annual review minutes of an agreement as plain text, written from a summary of its
// records for one year (minutes.server.ts gathers it). Pure: no clock, no database; the
// wording comes from the `planning:minutes.text.*` strings through the translate function the
// caller gives, so the Vietnamese and English drafts differ only in language.
import { formatNumber } from "~/i18n/format";
import type { Locale, PartyRole, TransferStage } from "~/models/enums";

/** Longest minutes text a meeting keeps in each language (a year's review is a few pages). */
export const MINUTES_MAX_LENGTH = 50_000;

export type MinutesSummary = {
  year: number;
  /** The day the figures are read on: the year's last day, or today within the year. */
  asOf: string;
  agreement: { number: string; title: string; signedOn: string | null; startOn: string; endOn: string | null };
  /** Each party and its side in the agreement (supporting, receiving, coordinating). */
  parties: { facilityId: number; name: string; side: PartyRole }[];
  meetings: { title: string; heldOn: string; hostName: string | null }[];
  documents: { title: string }[];
  rotations: {
    sites: { facilityId: number; name: string; rotations: number; people: number; deliveredMonths: number; scheduledMonths: number }[];
    totals: { rotations: number; people: number; deliveredMonths: number; scheduledMonths: number };
  };
  accepted: { code: string; name: string; toName: string; acceptedOn: string }[];
  inProgress: { code: string; name: string; toName: string; stage: TransferStage }[];
  courses: { title: string; hostName: string; startOn: string; endOn: string; completed: number }[];
  nextYear: { code: string; name: string; fromName: string; toName: string; phase: number; stage: TransferStage; targetDate: string | null }[];
};

/** A translate function for one language (i18next's getFixedT or a test's stand-in). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The days an annual review of `year` is held on: from July of that year to June of the next
 * (a review is held at the year's end or early in the next), so each meeting date belongs to
 * exactly one year under review.
 */
export function reviewWindow(year: number): { from: string; to: string } {
  return { from: `${year}-07-01`, to: `${year + 1}-06-30` };
}

/** The years minutes may be drafted for: the agreement's term, one year more at each end. */
export function minutesYearRange(agreement: { startOn: string; endOn: string | null }, today: string): { from: number; to: number } {
  const start = Number(agreement.startOn.slice(0, 4));
  const end = Number((agreement.endOn ?? today).slice(0, 4));
  return { from: start - 1, to: Math.max(end, start) + 1 };
}

/** A year from the query string or a form, or null when it is not plain digits. */
export function parseMinutesYear(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (!/^\d{4}$/.test(text)) return null;
  return Number(text);
}

const SIDE_ORDER: PartyRole[] = ["supporting", "receiving", "coordinating"];

/** The minutes of `summary.year` in the language of `t` and `locale`. */
export function generateMinutes(summary: MinutesSummary, t: Translate, locale: Locale): string {
  const k = (key: string, params?: Record<string, string | number>) => t(`planning:minutes.text.${key}`, params);
  const n = (value: number) => formatNumber(value, locale);
  const months = (value: number) => formatNumber(value, locale, 2);
  const stage = (value: TransferStage) => t(`enums:transferStage.${value}`);
  const sideName = (value: PartyRole) => t(`enums:partyRole.${value}`);
  const { year, agreement } = summary;
  const next = year + 1;
  const lines: string[] = [];
  const blank = () => lines.push("");

  // The national header, worded once for every document that carries it (certificates too).
  lines.push(t("courses:certificate.mottoCountry"), t("courses:certificate.mottoWords"), "---------------", "");
  lines.push(k("heading", { year }));
  lines.push(k("subject", { number: agreement.number, title: agreement.title }));
  lines.push(
    k("signed", {
      date: agreement.signedOn ?? "....................",
      start: agreement.startOn,
      end: agreement.endOn ?? k("openEnded"),
    }),
  );
  blank();
  const owner = summary.parties.find((p) => p.side === "supporting") ?? summary.parties[0];
  lines.push(k("opening", { host: owner?.name ?? k("hostBlank"), year, next }));
  blank();

  lines.push(k("partiesHeading", { year }));
  const parties = [...summary.parties].sort((a, b) => SIDE_ORDER.indexOf(a.side) - SIDE_ORDER.indexOf(b.side));
  parties.forEach((p, i) => {
    lines.push(k("party", { index: i + 1, role: sideName(p.side), name: p.name }));
    lines.push(k("partyRepresentative"));
  });
  blank();

  lines.push(k("resultsHeading", { year }));
  lines.push(k("activitiesHeading"));
  lines.push(k("meetings", { count: n(summary.meetings.length) }));
  for (const m of summary.meetings) {
    lines.push(m.hostName ? k("meetingHost", { date: m.heldOn, title: m.title, host: m.hostName }) : k("meeting", { date: m.heldOn, title: m.title }));
  }
  lines.push(k("documents", { count: n(summary.documents.length) }));
  for (const d of summary.documents) lines.push(k("document", { title: d.title }));

  lines.push(k("rotationsHeading"));
  if (summary.rotations.sites.length === 0) lines.push(k("noRotations"));
  for (const s of summary.rotations.sites) {
    lines.push(k("rotationSite", { site: s.name, rotations: n(s.rotations), people: n(s.people), delivered: months(s.deliveredMonths), scheduled: months(s.scheduledMonths) }));
  }
  if (summary.rotations.sites.length > 0) {
    const tot = summary.rotations.totals;
    lines.push(k("rotationTotal", { rotations: n(tot.rotations), people: n(tot.people), delivered: months(tot.deliveredMonths), scheduled: months(tot.scheduledMonths) }));
  }

  lines.push(k("techniquesHeading"));
  lines.push(k("acceptedHeading", { count: n(summary.accepted.length) }));
  if (summary.accepted.length === 0) lines.push(k("none"));
  for (const a of summary.accepted) lines.push(k("acceptedLine", { code: a.code, name: a.name, to: a.toName, date: a.acceptedOn }));
  lines.push(k("progressHeading", { date: summary.asOf, count: n(summary.inProgress.length) }));
  if (summary.inProgress.length === 0) lines.push(k("none"));
  for (const p of summary.inProgress) lines.push(k("progressLine", { code: p.code, name: p.name, to: p.toName, stage: stage(p.stage) }));

  lines.push(k("coursesHeading"));
  if (summary.courses.length === 0) lines.push(k("noCourses"));
  for (const c of summary.courses) {
    lines.push(k("courseLine", { title: c.title, host: c.hostName, start: c.startOn, end: c.endOn, completed: n(c.completed) }));
  }
  if (summary.courses.length > 0) {
    lines.push(k("courseTotal", { courses: n(summary.courses.length), completed: n(summary.courses.reduce((s, c) => s + c.completed, 0)) }));
  }
  blank();

  lines.push(k("planHeading", { year: next }));
  lines.push(k("planIntro", { count: n(summary.nextYear.length) }));
  if (summary.nextYear.length === 0) lines.push(k("none"));
  for (const l of summary.nextYear) {
    const params = { phase: l.phase, code: l.code, name: l.name, from: l.fromName, to: l.toName, stage: stage(l.stage) };
    lines.push(l.targetDate ? k("planLine", { ...params, date: l.targetDate }) : k("planLineNoDate", params));
  }
  blank();

  lines.push(k("conclusionHeading"));
  lines.push(k("conclusion", { year, next }));
  lines.push(k("closing"));
  blank();
  // One signature block per side that is present.
  for (const side of SIDE_ORDER) {
    const named = parties.filter((p) => p.side === side);
    if (named.length === 0) continue;
    lines.push(k("signature", { role: sideName(side).toLocaleUpperCase(locale) }));
    lines.push(k("signatureHint"));
    for (const p of named) lines.push(k("signatureName", { name: p.name }));
    blank();
  }
  return lines.join("\n").trimEnd() + "\n";
}

/** The meeting record's fields that accompany the saved minutes, prefilled from the summary. */
export function meetingDefaults(summary: MinutesSummary, t: Translate, locale: Locale) {
  const k = (key: string, params?: Record<string, string | number>) => t(`planning:minutes.text.${key}`, params);
  const completed = summary.courses.reduce((s, c) => s + c.completed, 0);
  return {
    title: k("meetingTitle", { year: summary.year, number: summary.agreement.number }),
    participants: k("participants", { names: summary.parties.map((p) => p.name).join("; ") }),
    decisions: k("decisions", {
      year: summary.year,
      next: summary.year + 1,
      accepted: formatNumber(summary.accepted.length, locale),
      delivered: formatNumber(summary.rotations.totals.deliveredMonths, locale, 2),
      completed: formatNumber(completed, locale),
      planned: formatNumber(summary.nextYear.length, locale),
    }),
  };
}

/**
 * How a line of minutes is laid out in a document: the national header and the title centred,
 * headings (I., II., 1., a)) and capitalised lines bold. Read from the text itself so an
 * edited text keeps its layout.
 */
export function minutesLineStyle(line: string, index: number, headingIndex: number): { centered: boolean; bold: boolean; italic: boolean } {
  const text = line.trim();
  const upper = text.length > 0 && text === text.toLocaleUpperCase() && /\p{L}/u.test(text);
  const centered = headingIndex >= 0 ? index <= headingIndex + 2 : index < 3;
  // A numbered line is a heading unless it carries a statement after a colon (a party's name);
  // a count after the colon ("a) ...: 3") still heads its list.
  const heading = /^(?:[IVX]+\.|\d+\.|[a-z]\))\s/.test(text) && (!text.includes(": ") || /:\s*[\d.,]+$/.test(text));
  const italic = text.startsWith("(") && text.endsWith(")");
  return { centered, bold: upper || heading || (centered && index <= 1), italic };
}

/** The index of the title line ("BIÊN BẢN ..." / "MINUTES ..."): the first capitalised line after the header. */
export function minutesHeadingIndex(lines: string[]): number {
  for (let i = 2; i < Math.min(lines.length, 12); i++) {
    const text = lines[i].trim();
    if (text.length > 3 && /\p{L}/u.test(text) && text === text.toLocaleUpperCase()) return i;
  }
  return -1;
}
