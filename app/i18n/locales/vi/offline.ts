// Entry that survives a lost connection: the outbox of queued submissions and its states.
export default {
  outbox: "Hộp thư chờ gửi",
} as const;
