// The rotation solver's pages: planning a period, the draft on the board, why a line is left
// unserved and what would serve it, adopting and re-planning. Keys `solver:<key>`.
export default {
  unserved: {
    noCompetent: "Không ai ở {{facility}} tự thực hiện được kỹ thuật {{code}}.",
    agreementEnds: "Hợp đồng {{number}} hết hạn ngày {{end}}: không còn khoảng {{months}} tháng trong kỳ.",
    allBusy: "Cả {{count}} người làm được {{code}} đều bận (luân phiên khác, khóa học, nghỉ) trong mọi khoảng có thể.",
    absenceCap: "Có người rảnh nhưng cử đi sẽ vượt giới hạn {{limit}} người vắng cùng lúc.",
    usedElsewhere: "Những người làm được {{code}} đã được xếp cho các dòng ưu tiên hơn.",
  },
  whatIf: {
    raiseCap: "Nâng giới hạn vắng cùng lúc lên {{limit}} sẽ phục vụ thêm {{count}} dòng.",
    extendAgreement: "Gia hạn hợp đồng {{number}} đến {{end}} sẽ phục vụ thêm {{count}} dòng.",
    addPerson: "Thêm một người tự thực hiện được {{code}} sẽ phục vụ thêm {{count}} dòng.",
  },
} as const;
