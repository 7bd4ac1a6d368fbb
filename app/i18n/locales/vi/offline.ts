// Entry that survives a lost connection: the outbox of queued submissions and its states.
export default {
  outbox: "Hộp thư chờ gửi",
  indicator: {
    waiting_other: "{{count}} bản ghi chờ gửi",
    offline: "Mất kết nối",
  },
  forms: {
    case_log: "Nhật ký ca thực hiện",
    attendance: "Bảng điểm danh",
    tele_consultation: "Hội chẩn từ xa",
  },
  status: {
    waiting: "Chờ gửi",
    sent: "Đã gửi thành công",
    refused: "Bị máy chủ từ chối",
  },
  page: {
    intro: "Các biểu mẫu nhập khi mất kết nối được lưu trên thiết bị này và tự gửi khi có mạng trở lại, theo thứ tự đã nhập.",
    kept: "Hộp thư chờ gửi đã được lưu trên thiết bị: mở được cả khi mất mạng.",
    sendNow: "Gửi ngay",
    sending: "Đang gửi…",
    empty: "Không có bản ghi nào trong mục này.",
    queuedAt: "Nhập lúc",
    sentAt: "Gửi lúc",
    open: "Mở lại biểu mẫu",
    discard: "Bỏ",
    discardConfirm: "Bỏ bản ghi này? Nội dung đã nhập sẽ bị xóa khỏi thiết bị.",
    clearSent: "Xóa danh sách đã gửi",
    signInToSend: "Phiên đăng nhập đã hết: hãy đăng nhập lại để gửi các bản ghi đang chờ.",
    offlineNow: "Thiết bị đang mất kết nối. Các bản ghi sẽ được gửi khi có mạng.",
    lastError: "Chưa gửi được: máy chủ không trả lời. Sẽ thử lại khi có mạng.",
  },
  form: {
    queued: "Đã lưu vào hộp thư chờ gửi: bản ghi sẽ được gửi khi có mạng.",
    draftRestored: "Đã khôi phục nội dung đang nhập dở trên thiết bị này.",
    refilled: "Biểu mẫu được điền lại từ bản ghi bị từ chối: sửa rồi gửi lại.",
    outboxLink: "Xem hộp thư chờ gửi",
    readiness: {
      checking: "Đang lưu trang này trên thiết bị để mở được khi mất mạng…",
      ready: "Trang này và hộp thư chờ gửi đã được lưu trên thiết bị: mở được cả khi mất mạng.",
      notKept: "Chưa lưu được trang này trên thiết bị: khi mất mạng, đừng tải lại trang. Sẽ thử lại khi có mạng.",
      unsupported: "Trình duyệt chỉ lưu trang để dùng khi mất mạng nếu ứng dụng chạy qua https: khi mất mạng, đừng tải lại trang này.",
    },
  },
  errors: {
    keyUsed: "Mã gửi này đã được dùng cho một bản ghi khác. Hãy mở lại biểu mẫu và nhập lại.",
    jsonOnly: "Chỉ nhận dữ liệu JSON.",
    malformedBatch: "Không đọc được danh sách bản ghi đã gửi.",
    batchTooLong: "Mỗi lần gửi tối đa {{max}} bản ghi.",
    badPath: "Bản ghi không thuộc trang nhập liệu nào.",
  },
} as const;
