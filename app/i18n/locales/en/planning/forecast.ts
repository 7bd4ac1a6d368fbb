import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/forecast";

// Strings of the forecast of cross-level counts (report chart, panel and targets). Keys mirror the other language's file.
export default {
  title: "Forecast of cross-level techniques",
  yearLabel: "Forecast year",
  chartLabel: "Forecast {{year}} (median, 10–90% range)",
  rangeLabel: "Forecast range 10–90%",
  summaryLine: "Forecast {{year}}: {{median}} (range {{p10}}–{{p90}})",
  nextYear: "New cross-level techniques in {{year}}",
  phases: "By the end of the current plan phases ({{date}})",
  noPhases: "No plan line falls due after today.",
  range: "{{median}} (range {{p10}}–{{p90}})",
  lines: "{{open}} plan lines in progress, {{counting}} of them could add a new cross-level technique.",
  byFacility: "By receiving facility",
  sources: "History used per stage: {{list}}",
  source: {
    province: "the province's",
    national: "national",
    default: "default",
  },
  howTitle: "How this is computed",
  how: "A Monte Carlo simulation of {{draws}} draws over the plan lines in progress (agreement open, not accepted, not deferred). Each line is accepted with the share of lines at the same stage that went on to acceptance in the province's history (the national history, then defaults, when the province has too few moves), on today plus a lead time drawn from that history. Only cross-level techniques the facility does not perform yet count; an acceptance is taken as the start of performing. The range is the 10th to 90th percentile, the middle figure the median; the same data gives the same figures.",
  target: {
    heading: "Forecast to {{date}}",
    chance: "Chance of reaching the target: {{chance}}",
    short: "Forecast: {{p10}}–{{p90}} · reached: {{chance}}",
  },
  errors: {
    notYear: "The forecast year must be a year, for example {{current}}.",
    beforeData: "{{year}} has passed: its actual figures are in the report. Choose {{current}} or later.",
    tooFar: "{{year}} is too far ahead to forecast: choose a year from {{current}} to {{max}}.",
  },
} as const satisfies Mirror<typeof vi>;
