// Hubs and spokes: the links, the network view's remote-support layer, recurring schedules and their calendar file.
export default {
  title: "Hỗ trợ từ xa: trung tâm và cơ sở được hỗ trợ",
  errors: {
    sameFacility: "Trung tâm và cơ sở được hỗ trợ phải là hai cơ sở khác nhau.",
    hubNotCare: "Trung tâm phải là cơ sở khám chữa bệnh đang hoạt động.",
    spokeNotCare: "Cơ sở được hỗ trợ phải là cơ sở khám chữa bệnh đang hoạt động.",
    notParties: "Cả trung tâm và cơ sở được hỗ trợ phải là bên tham gia hợp đồng này.",
    duplicate: "Đã có liên kết giữa hai cơ sở này cho chuyên khoa này.",
  },
} as const;
