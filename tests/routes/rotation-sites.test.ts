import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loader } from "~/routes/rotations.sites";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

test("a receiving facility's viewer sees its own site with the visitor and the empty months; another facility sees none", async () => {
  const db = getDb();
  const sender = makeFacility(db, { level: "B" });
  const site = makeFacility(db, { level: "C", provinceCode: sender.provinceCode, shortName: "TTYT Bát Xát" });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Lý Văn Sử" });
  db.$client
    .prepare("insert into rotations (staff_id, from_facility_id, to_facility_id, purpose, start_on, end_on, status) values (?, ?, ?, 'manpower_support', '2026-02-01', '2026-04-30', 'confirmed')")
    .run(person.id, sender.id, site.id);
  const viewer = await createSignedInUser(db, { role: "viewer", facilityId: site.id });
  const res = await call(loader, { request: authedRequest("/rotations/sites?from=2026-01&months=6", { cookie: viewer.cookie }) });
  expect(res.status).toBe(200);
  const data = await bodyOf(res);
  expect(data.months).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
  expect(data.sites.rows).toHaveLength(1);
  expect(data.sites.rows[0]).toMatchObject({ shortName: "TTYT Bát Xát", gaps: 3 });
  expect(data.sites.rows[0].months[1].stays[0]).toMatchObject({ staffName: "Lý Văn Sử" });

  const stranger = await createSignedInUser(db, { role: "trainer" });
  const theirs = await bodyOf(await call(loader, { request: authedRequest("/rotations/sites?from=2026-01", { cookie: stranger.cookie }) }));
  expect(theirs.sites.rows).toEqual([]);
});

test("a malformed window falls back to six months from today's month; signed out goes to sign-in", async () => {
  const db = getDb();
  const viewer = await createSignedInUser(db, { role: "viewer" });
  const data = await bodyOf(await call(loader, { request: authedRequest("/rotations/sites?from=2026-13&months=999", { cookie: viewer.cookie }) }));
  expect(data.months).toHaveLength(6);
  expect(data.months[0]).toBe(data.current);
  expect((await call(loader, { request: authedRequest("/rotations/sites") })).status).toBe(302);
});
