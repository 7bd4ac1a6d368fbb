import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/readiness";

// Strings of readiness per receiving hospital, the checklist, the phase gate and deferral.
// Keys mirror the other language's file.
export default {
  title: "Readiness to take over",
  score: "Readiness {{score}}/100",
  scoreShort: "Readiness",
  parts: {
    trained: "Trained staff",
    cases: "Supervised cases",
    checklist: "Conditions confirmed",
    recency: "Latest case",
  },
  partValues: {
    trained: "{{count}} (needs {{target}})",
    cases: "{{logged}}/{{required}} cases",
    checklist: "{{confirmed}}/{{total}} items",
    recency_one: "{{count}} day ago",
    recency_other: "{{count}} days ago",
    recencyNone: "no case yet",
  },
  help: "The score is a weighted mean of four parts (each 0–100%): trained staff 30%, supervised cases 30%, conditions 25%, latest case 15%. An accepted line counts 100.",
  byPhase: "Readiness by receiving hospital and phase",
  phaseLine: "{{facility}} · phase {{phase}}",
  phaseNone: "deferred lines only",
  deferredCount_one: "{{count}} deferred line",
  deferredCount_other: "{{count}} deferred lines",
  checklist: {
    title: "Conditions at the receiving hospital",
    help: "Equipment, rooms, supplies and other conditions; the receiving hospital's director adds and confirms them.",
    empty: "No condition yet.",
    suggestions: "Suggestions:",
    label: "Condition",
    add: "Add condition",
    confirm: "Confirm in place",
    unconfirm: "Withdraw confirmation",
    confirmedBy: "confirmed {{date}} ({{name}})",
    pending: "not confirmed",
  },
  defaults: {
    equipment: "Specialised equipment",
    room: "Procedure room",
    supplies: "Drugs and consumables",
    staffing: "Assigned procedure team",
    protocol: "Approved technique protocol",
  },
  gate: {
    heldBy: "Cannot move past training yet: phase {{phases}} still has lines neither accepted nor deferred:",
  },
  deferral: {
    title: "Deferring the line",
    badge: "Deferred",
    deferredOn: "Deferred since {{date}}: {{reason}}",
    reason: "Reason for deferral",
    help: "A deferred line stays on the plan but no longer holds back the next phase.",
    submit: "Defer this line",
    resume: "Resume",
  },
  errors: {
    gateBlocked: "Phase {{phases}} of this receiving hospital is not finished ({{lines}} neither accepted nor deferred): this line cannot move past training yet.",
    checkDuplicate: "This condition is already on the list.",
    checkLimit: "A line holds at most {{max}} conditions.",
    deferAccepted: "The line is accepted and cannot be deferred.",
    alreadyDeferred: "This line is already deferred.",
    notDeferred: "This line is not deferred.",
    stageDeferred: "This line is deferred: resume it before moving its stage.",
  },
} as const satisfies Mirror<typeof vi>;
