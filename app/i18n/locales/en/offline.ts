// Entry that survives a lost connection: the outbox of queued submissions and its states.
import type { Mirror } from "../../mirror";
import type vi from "../vi/offline";

export default {
  outbox: "Outbox",
  indicator: {
    waiting_one: "{{count}} entry waiting to be sent",
    waiting_other: "{{count}} entries waiting to be sent",
    offline: "Offline",
  },
  forms: {
    case_log: "Supervised case",
    attendance: "Attendance sheet",
    tele_consultation: "Tele-consultation",
  },
  status: {
    waiting: "Waiting",
    sent: "Sent",
    refused: "Refused",
  },
  page: {
    intro: "Forms entered without a connection are kept on this device and sent by themselves when the network returns, in the order they were entered.",
    kept: "The outbox is saved on this device: it opens without a connection.",
    sendNow: "Send now",
    sending: "Sending…",
    empty: "Nothing here.",
    queuedAt: "Entered",
    sentAt: "Sent",
    open: "Open the form again",
    discard: "Discard",
    discardConfirm: "Discard this entry? What was typed is removed from this device.",
    clearSent: "Clear the sent list",
    signInToSend: "Your session has ended: sign in again to send the waiting entries.",
    offlineNow: "This device is offline. Entries will be sent when the network returns.",
    lastError: "Not sent yet: the server did not answer. It will be tried again when the network returns.",
  },
  form: {
    queued: "Saved to the outbox: the entry will be sent when the network returns.",
    draftRestored: "What you were typing on this device has been restored.",
    refilled: "The form is filled from the refused entry: correct it and send it again.",
    outboxLink: "Open the outbox",
    readiness: {
      checking: "Saving this page on this device so that it opens without a connection…",
      ready: "This page and the outbox are saved on this device: they open without a connection.",
      notKept: "This page is not saved on this device yet: without a connection, do not reload it. Trying again when the network returns.",
      unsupported: "Browsers keep pages for use without a connection only when the planner is served over https: without a connection, do not reload this page.",
    },
  },
  errors: {
    keyUsed: "This submission key was already used for another entry. Open the form again and re-enter it.",
    jsonOnly: "Only JSON is accepted.",
    malformedBatch: "The list of entries sent could not be read.",
    batchTooLong: "At most {{max}} entries per batch.",
    badPath: "The entry does not belong to an entry page.",
  },
} as const satisfies Mirror<typeof vi>;
