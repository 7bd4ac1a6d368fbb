// Demo remote support: Bạch Mai and Lào Cai số 2 as hubs. Số 2 supports the four facilities it
// directs (Lào Cai số 3, TTYT KV Bảo Thắng, Bảo Yên, Bát Xát) in surgery (chapter 10) and
// obstetrics (13); Bạch Mai supports Lào Cai số 1, số 2 and Bắc Ninh provincial in internal
// medicine (2) and surgery (10). The links began eighteen months before today; each hub holds a
// weekly schedule begun a year before today and running its full two years: số 2 an obstetrics
// consultation every Tuesday at 14:00, Bạch Mai an internal-medicine training every Thursday at
// 08:00. Written through the model commands, so the rules and the audit trail apply.
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addMonthsIso } from "~/models/dates";
import { createLink } from "~/models/tele/links.server";
import { latestSeriesEnd, occurrences } from "~/models/tele/series";
import { createSeries } from "~/models/tele/series.server";
import { FACILITY_CODES as C } from "./network";

const HUBS = [
  { hub: C.laoCai2, spokes: [C.laoCai3, C.baoThang, C.baoYen, C.batXat], chapters: [10, 13] },
  { hub: C.bachMai, spokes: [C.laoCai1, C.laoCai2, C.bacNinh], chapters: [2, 10] },
] as const;

const SCHEDULES = [
  { hub: C.laoCai2, kind: "consultation", title: "Hội chẩn sản khoa từ xa thứ Ba hằng tuần", chapterNumber: 13, weekday: 2, startTime: "14:00", durationMinutes: 60 },
  { hub: C.bachMai, kind: "training", title: "Đào tạo nội khoa trực tuyến sáng thứ Năm", chapterNumber: 2, weekday: 4, startTime: "08:00", durationMinutes: 90 },
] as const;

export function seedTeleLinks(db: Db, facilityIds: ReadonlyMap<string, number>, today: string): string {
  const id = (code: string) => {
    const found = facilityIds.get(code);
    if (found === undefined) throw new Error(`tele-links seed: facility ${code} not seeded`);
    return found;
  };
  const admin = db.select().from(users).where(eq(users.username, "admin")).get();
  if (!admin) throw new Error("tele-links seed: account admin missing (run the accounts step first)");
  const actor: Actor = { userId: admin.id, role: admin.role, facilityId: admin.facilityId, provinceCode: admin.provinceCode };
  const linksFrom = addMonthsIso(today, -18);
  let links = 0;
  for (const h of HUBS) {
    for (const chapterNumber of h.chapters) {
      for (const spoke of h.spokes) {
        createLink(db, actor, { hubFacilityId: id(h.hub), spokeFacilityId: id(spoke), chapterNumber, startOn: linksFrom });
        links += 1;
      }
    }
  }
  const seriesFrom = addMonthsIso(today, -12);
  for (const s of SCHEDULES) {
    const hub = HUBS.find((h) => h.hub === s.hub)!;
    // The schedule starts on its first weekday on or after a year ago.
    const [startOn] = occurrences({ weekday: s.weekday, startOn: seriesFrom, endOn: today }, seriesFrom, 1);
    createSeries(
      db,
      actor,
      { ...s, hubFacilityId: id(s.hub), startOn, endOn: latestSeriesEnd(startOn), spokeFacilityIds: hub.spokes.map(id) },
      today,
    );
  }
  return `${links} remote-support links, ${SCHEDULES.length} weekly schedules`;
}
