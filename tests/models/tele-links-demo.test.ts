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

test("the network's remote-support layer: pairs the reader may read, with twelve monthly counts", async () => {
  const { getTeleLayer } = await import("~/models/tele/network.server");
  const db = createDemoDb();
  const actorOf = (username: string) => {
    const u = db.select().from(users).where(eq(users.username, username)).get()!;
    return { userId: u.id, role: u.role, facilityId: u.facilityId, provinceCode: u.provinceCode };
  };
  const admin = getTeleLayer(db, actorOf("admin"), { today: DEMO_TODAY, locale: "vi" });
  expect(admin.pairs).toHaveLength(7);
  expect(admin.hubs).toHaveLength(2);
  expect(admin.pairs.every((p) => p.activity.length === 12 && p.chapters.length === 2)).toBe(true);
  const director = getTeleLayer(db, actorOf("gd.laocai2"), { today: DEMO_TODAY, locale: "en" });
  expect(director.hubs.map((h) => h.spokes).sort()).toEqual([1, 4]);
  const bacNinh = getTeleLayer(db, actorOf("syt.bacninh"), { today: DEMO_TODAY, locale: "vi" });
  expect(bacNinh.pairs).toHaveLength(1);
  expect(getTeleLayer(db, actorOf("syt.laocai"), { province: "24", today: DEMO_TODAY, locale: "vi" }).pairs).toEqual([]);
});
