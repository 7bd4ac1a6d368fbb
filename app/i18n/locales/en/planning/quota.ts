import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/quota";

// Strings of the Project 1816 quota report. Keys mirror the other language's file.
export default {
  title: "Project 1816 quotas",
  intro: "Each upper-level hospital must send staff down to lower levels over the year by its quota (the guide: one staff member per {{beds}} beds, which the health department may change per hospital and year). Person-months owed = quota × {{months}} months per rotation.",
  empty: "No hospital within your reach.",
  guide: "(guide)",
  setByDepartment: "(set by the department)",
  edit: "Adjust",
  editTitle: "{{year}} quota of {{hospital}}",
  editHelp: "By the guide: {{guide}} staff ({{beds}} beds). Leave blank to return to the guide.",
  staffQuota: "Staff to send",
  staffQuotaHint: "Blank: the guide",
  note: "Note (grounds for the change)",
  save: "Save the year's quota",
  capNote: "The cap on simultaneous absences is a separate rule: the rotation form checks it day by day, whatever the year's quota.",
  columns: {
    hospital: "Hospital",
    quota: "Quota (people)",
    people: "People sent",
    scheduled: "Person-months planned",
    delivered: "Person-months delivered",
    owed: "Person-months owed",
    share: "Reached",
    cap: "Max away at once",
  },
  errors: {
    year: "The year must be a number from 2000 to 2100.",
    negative: "A quota cannot be negative.",
    tooMany: "The quota is too large.",
  },
} as const satisfies Mirror<typeof vi>;
