// Remote-support reports: per hub, spoke, specialty and month; the share of consultations resolved locally.
export default {
  title: "Báo cáo hỗ trợ từ xa",
} as const;
