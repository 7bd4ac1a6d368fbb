// Demo targets, set through the targets commands: Bắc Ninh's electronic-records milestone
// (54 facilities with beds by 30 September 2025; 56 reached = 103.7%, as published) and Lào
// Cai's computed targets, one of them behind schedule so the dashboard has a warning.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { addMeasurement, createTarget } from "~/models/targets/commands.server";

const SYSTEM: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
export const BAC_NINH = "24";

export function seedTargets(db: Db, today: string): string {
  const records = createTarget(db, SYSTEM, {
    title: "Cơ sở khám bệnh, chữa bệnh có giường bệnh triển khai bệnh án điện tử",
    indicator: "manual_count",
    provinceCode: BAC_NINH,
    periodStart: "2025-01-01",
    periodEnd: "2025-09-30",
    baseline: 21,
    targetValue: 54,
    unit: "cơ sở",
  });
  for (const [measuredOn, value, note] of [
    ["2025-03-31", 30, "Báo cáo quý I"],
    ["2025-06-30", 47, "Báo cáo 6 tháng (Thông tư 38/2024)"],
    ["2025-09-30", 56, "Báo cáo 9 tháng: vượt chỉ tiêu"],
  ] as const) {
    if (measuredOn <= today) addMeasurement(db, SYSTEM, records.id, { measuredOn, value, note }, today);
  }
  createTarget(db, SYSTEM, {
    title: "Kỹ thuật vượt tuyến mới được phê duyệt giai đoạn 2021–2025",
    indicator: "new_cross_level_techniques",
    provinceCode: "15",
    periodStart: "2021-01-01",
    periodEnd: "2025-12-31",
    baseline: 0,
    targetValue: 2500,
    unit: "kỹ thuật",
  });
  // A running period with no approvals yet: shown as at risk on the Lào Cai dashboard.
  createTarget(db, SYSTEM, {
    title: "Kỹ thuật vượt tuyến mới được phê duyệt trong kỳ hiện tại",
    indicator: "new_cross_level_techniques",
    provinceCode: "15",
    periodStart: addDaysIso(today, -270),
    periodEnd: addDaysIso(today, 90),
    baseline: 0,
    targetValue: 150,
    unit: "kỹ thuật",
  });
  createTarget(db, SYSTEM, {
    title: "Cán bộ được đào tạo hoàn thành khóa học năm nay",
    indicator: "people_trained",
    provinceCode: "15",
    periodStart: `${today.slice(0, 4)}-01-01`,
    periodEnd: `${today.slice(0, 4)}-12-31`,
    baseline: 0,
    targetValue: 40,
    unit: "người",
  });
  return "4 targets";
}
