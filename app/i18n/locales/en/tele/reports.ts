// Remote-support reports: per hub, spoke, specialty and month; the share of consultations resolved locally.
import type { Mirror } from "../../../mirror";
import type vi from "../../vi/tele/reports";

export default {
  title: "Remote support reports",
  intro: "Tele-consultations (resolved locally, referred up) and remote training by month, supported facility, specialty and hub.",
  fromMonth: "From month",
  toMonth: "To month",
  period: "Period: {{from}} – {{to}}",
  export: "Download spreadsheet (.xlsx)",
  byMonth: "By month",
  bySpoke: "By supported facility",
  byChapter: "By specialty",
  byHub: "By supporting hub",
  empty: "No remote sessions in this period and scope.",
  chapterNone: "No specialty recorded",
  totals: "Whole period",
  openLog: "See the sessions",
  columns: {
    month: "Month",
    consultations: "Consultations",
    resolvedLocally: "Resolved locally",
    withOutcome: "Consultations with an outcome",
    share: "Share resolved locally",
    trainings: "Training sessions",
    hours: "Training hours",
    attendees: "Attendees",
  },
  share: {
    title: "Share of consultations resolved locally (referrals avoided)",
    intro: "Percentage of consultations with an outcome where the patient was advised or treated at the facility instead of being referred up. A month without consultations is left blank, not counted as 0 %.",
    provinceLine: "Facilities of {{province}}",
    allLine: "Whole report",
    sheet: "Share resolved by month",
    counts: "{{resolved}}/{{total}}",
    tableCaption: "The chart's figures: resolved locally / consultations with an outcome, and the share",
    choose: "Choose the facilities drawn (at most {{max}})",
    apply: "Redraw the chart",
  },
  errors: {
    month: "Enter the month as year-month, e.g. 2026-03.",
    order: "The end month cannot be before the start month.",
    future: "The period cannot end after the current month.",
    span: "A report covers at most {{months}} months.",
  },
  targets: {
    shareMax: "A share target is a percentage, at most 100.",
    shareHint: "Percentage (0–100) of consultations with an outcome that were resolved locally.",
  },
} as const satisfies Mirror<typeof vi>;
