import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { facilities, users } from "~/db/schema";
import { teleHome } from "~/models/tele/links.server";
import { listSeries, upcomingOccurrences } from "~/models/tele/series.server";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";

test("the demo has số 2 and Bạch Mai as hubs with their spokes by specialty, and a weekly schedule each", () => {
  const db = createDemoDb();
  const user = db.select().from(users).where(eq(users.username, "gd.laocai2")).get()!;
  const actor = { userId: user.id, role: user.role, facilityId: user.facilityId, provinceCode: user.provinceCode };
  const home = teleHome(db, actor, { today: DEMO_TODAY, locale: "vi" });
  const code = (id: number) => db.select({ code: facilities.code }).from(facilities).where(eq(facilities.id, id)).get()!.code;
  const byHub = new Map(home.hubs.map((h) => [code(h.id), h]));
  expect([...byHub.keys()].sort()).toEqual(["BM", "LC-BVDK2"]);
  expect(byHub.get("LC-BVDK2")!.links).toHaveLength(8);
  expect(byHub.get("LC-BVDK2")!.canChange).toBe(true);
  // số 2 reads Bạch Mai's link to itself (it is the spoke), not Bạch Mai's other spokes
  expect(byHub.get("BM")!.links.map((l) => code(l.spokeFacilityId))).toEqual(["LC-BVDK2", "LC-BVDK2"]);
  expect(byHub.get("BM")!.canChange).toBe(false);
  const series = listSeries(db, actor, { locale: "vi" });
  expect(series.map((s) => [s.weekday, s.startTime])).toEqual([[2, "14:00"], [4, "08:00"]]);
  expect(upcomingOccurrences(series[0], DEMO_TODAY, 3)).toHaveLength(3);
});
