import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/decay";

// Strings of the skill-decay alerts and their thresholds. Keys mirror the other language's file.
export default {
  title: "Skill-decay alerts",
  intro: "Techniques accepted at a facility with no case logged for more than {{months}} months (or the threshold the health department set for the specialty): plan a refresher rotation or course.",
  alerts: "Techniques at risk of decay",
  none: "No technique is past its threshold.",
  noCase: "No case since acceptance",
  idle_one: "{{count}} month (threshold {{months}})",
  idle_other: "{{count}} months (threshold {{months}})",
  planRotation: "Plan a refresher rotation",
  planCourse: "Plan a refresher course",
  partnerPlans: "{{partner}} plans the refresher",
  refresherReason: "Refresher on technique {{code}} (skill-decay alert)",
  dashboardMore: "See all alerts",
  columns: {
    facility: "Facility",
    technique: "Technique",
    partner: "Handed on by · agreement",
    accepted: "Accepted on",
    lastCase: "Last case",
    idle: "Idle for",
    refresher: "Refresher",
  },
  thresholds: "Alert thresholds by specialty",
  thresholdsHelp: "The default is {{months}} months. The health department may set its own per specialty, from {{min}} to {{max}} months; leave the months blank to return to the default.",
  province: "Province",
  chooseProvince: "Choose a province",
  allDefault: "Every specialty uses the default of {{months}} months.",
  monthsValue_one: "threshold {{count}} month",
  monthsValue_other: "threshold {{count}} months",
  chooseChapter: "Choose a specialty",
  months: "Months without a case",
  monthsHint: "Leave blank for the default",
  save: "Save threshold",
  saved: "Threshold saved.",
  errors: {
    monthsRange: "Months must be from {{min}} to {{max}}.",
  },
} as const satisfies Mirror<typeof vi>;
