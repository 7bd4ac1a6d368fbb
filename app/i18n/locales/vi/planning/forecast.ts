// Strings of the forecast of cross-level counts (report chart, panel and targets). Keys mirror the other language's file.
export default {
  title: "Dự báo số kỹ thuật vượt tuyến",
  yearLabel: "Năm dự báo",
  chartLabel: "Dự báo {{year}} (trung vị, khoảng 10–90%)",
  rangeLabel: "Khoảng dự báo 10–90%",
  summaryLine: "Dự báo {{year}}: {{median}} (khoảng {{p10}}–{{p90}})",
  nextYear: "Kỹ thuật vượt tuyến mới năm {{year}}",
  phases: "Đến hết giai đoạn kế hoạch hiện tại ({{date}})",
  noPhases: "Không có dòng kế hoạch nào còn hạn sau hôm nay.",
  range: "{{median}} (khoảng {{p10}}–{{p90}})",
  lines: "{{open}} dòng kế hoạch đang thực hiện, {{counting}} dòng có thể thêm kỹ thuật vượt tuyến mới.",
  byFacility: "Theo cơ sở nhận chuyển giao",
  sources: "Nguồn lịch sử theo giai đoạn: {{list}}",
  source: {
    province: "của tỉnh",
    national: "toàn quốc",
    default: "mặc định",
  },
  howTitle: "Cách tính dự báo",
  how: "Mô phỏng Monte Carlo {{draws}} lần trên các dòng kế hoạch đang thực hiện (hợp đồng còn hiệu lực, chưa nghiệm thu, không tạm hoãn). Mỗi dòng được nghiệm thu với xác suất bằng tỷ lệ các dòng ở cùng giai đoạn đã đi tiếp đến nghiệm thu trong lịch sử của tỉnh (thiếu số liệu thì dùng toàn quốc, rồi đến giá trị mặc định), vào ngày hôm nay cộng một thời gian chờ rút từ lịch sử. Chỉ tính kỹ thuật vượt tuyến mà cơ sở chưa thực hiện; nghiệm thu được coi là bắt đầu thực hiện. Khoảng là phân vị 10 và 90, số giữa là trung vị; cùng dữ liệu cho cùng kết quả.",
  target: {
    heading: "Dự báo đến {{date}}",
    chance: "Khả năng đạt chỉ tiêu: {{chance}}",
    short: "Dự báo: {{p10}}–{{p90}} · đạt: {{chance}}",
  },
  errors: {
    notYear: "Năm dự báo phải là một số năm, ví dụ {{current}}.",
    beforeData: "Năm {{year}} đã qua: số liệu thực có trong báo cáo. Chọn năm {{current}} trở đi.",
    tooFar: "Năm {{year}} quá xa để dự báo: chọn một năm từ {{current}} đến {{max}}.",
  },
} as const;
