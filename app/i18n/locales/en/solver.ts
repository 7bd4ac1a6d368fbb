// The rotation solver's pages: planning a period, the draft on the board, why a line is left
// unserved and what would serve it, adopting and re-planning. Keys `solver:<key>`.
export default {
  unserved: {
    noCompetent: "Nobody at {{facility}} performs {{code}} independently.",
    agreementEnds: "Agreement {{number}} ends on {{end}}: no window of {{months}} months is left in the period.",
    allBusy: "All {{count}} people who perform {{code}} are busy (other rotations, courses, leave) in every possible window.",
    absenceCap: "Someone is free, but sending them would exceed the limit of {{limit}} staff away at once.",
    usedElsewhere: "The people who perform {{code}} are already placed on higher-priority lines.",
  },
  whatIf: {
    raiseCap: "Raising the limit of staff away at once to {{limit}} would serve {{count}} more lines.",
    extendAgreement: "Extending agreement {{number}} to {{end}} would serve {{count}} more lines.",
    addPerson: "One more person who performs {{code}} independently would serve {{count}} more lines.",
  },
} as const;
