// Remote sessions: tele-consultations and remote training, their log and search, CME hours, plan-line readiness.
export default {
  title: "Hội chẩn và đào tạo từ xa",
} as const;
