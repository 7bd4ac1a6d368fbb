import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { teleLinks } from "~/db/schema";
import { loader as homeLoader } from "~/routes/tele._index";
import { action as linkAction, loader as linkLoader } from "~/routes/tele.links.$id";
import { action as newLinkAction, loader as newLinkLoader } from "~/routes/tele.links.new";
import { loader as seriesIcs } from "~/routes/tele.series.$id.calendar[.]ics";
import { action as seriesPageAction, loader as seriesPageLoader } from "~/routes/tele.series.$id._index";
import { action as editSeriesAction } from "~/routes/tele.series.$id.edit";
import { loader as hubIcs } from "~/routes/tele.series.calendar[.]ics";
import { action as newSeriesAction } from "~/routes/tele.series.new";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeChapter, makeFacility } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function world() {
  const db = getDb();
  makeChapter(db, 10);
  makeChapter(db, 13, "PHỤ SẢN");
  const hub = makeFacility(db);
  const spoke = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: hub.provinceCode, directedById: hub.id });
  const director = await createSignedInUser(db, { role: "director", facilityId: hub.id });
  const viewer = await createSignedInUser(db, { role: "viewer", facilityId: spoke.id });
  const stranger = await createSignedInUser(db, { role: "director" });
  return { db, hub, spoke, director, viewer, stranger };
}

test("a hub director creates a link over HTTP; a duplicate is 409 by the field, bad input 400, a viewer 403", async () => {
  const { db, hub, spoke, director, viewer } = await world();
  const page = await bodyOf(await call(newLinkLoader, { request: authedRequest(`/tele/links/new?hub=${hub.id}`, { cookie: director.cookie }) }));
  expect(page.options.spokes.map((s: { id: number }) => s.id)).toContain(spoke.id);
  const form = { intent: "create", hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "01/01/2026" };
  const created = await call(newLinkAction, { request: authedRequest("/tele/links/new", { cookie: director.cookie, form }) });
  expect(created.status).toBe(302);
  expect(created.headers.get("Location")).toBe(`/tele?hub=${hub.id}`);
  const again = await call(newLinkAction, { request: authedRequest("/tele/links/new", { cookie: director.cookie, form }) });
  expect(again.status).toBe(409);
  expect((await bodyOf(again)).result.error.spokeFacilityId[0]).toContain("tele:links.errors.duplicate");
  const bad = await call(newLinkAction, { request: authedRequest("/tele/links/new", { cookie: director.cookie, form: { ...form, startOn: "31/02/2026" } }) });
  expect(bad.status).toBe(400);
  expect((await call(newLinkAction, { request: authedRequest("/tele/links/new", { cookie: viewer.cookie, form }) })).status).toBe(403);
  const home = await bodyOf(await call(homeLoader, { request: authedRequest("/tele", { cookie: viewer.cookie }) }));
  expect(home.hubs[0].links[0]).toMatchObject({ spokeFacilityId: spoke.id, chapterNumber: 13, inForce: true, canChange: false });
  expect(home.hubs[0].links[0].activity).toHaveLength(12);
  expect(db.select().from(teleLinks).all().filter((l) => l.hubFacilityId === hub.id)).toHaveLength(1);
});

test("the link page: 404 for a stranger, a stale end date 409, a good one saved", async () => {
  const { db, hub, spoke, director, stranger } = await world();
  const link = db.insert(teleLinks).values({ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2026-01-01" }).returning().get();
  const params = { id: String(link.id) };
  expect((await call(linkLoader, { request: authedRequest(`/tele/links/${link.id}`, { cookie: stranger.cookie }), params })).status).toBe(404);
  expect((await call(linkLoader, { request: authedRequest(`/tele/links/999999`, { cookie: director.cookie }), params: { id: "999999" } })).status).toBe(404);
  const stale = await call(linkAction, { request: authedRequest(`/tele/links/${link.id}`, { cookie: director.cookie, form: { intent: "end", endOn: "2026-06-30", version: link.version + 5 } }), params });
  expect(stale.status).toBe(409);
  const early = await call(linkAction, { request: authedRequest(`/tele/links/${link.id}`, { cookie: director.cookie, form: { intent: "end", endOn: "2025-06-30", version: link.version } }), params });
  expect(early.status).toBe(400);
  expect((await bodyOf(early)).result.error.endOn).toBeTruthy();
  const ok = await call(linkAction, { request: authedRequest(`/tele/links/${link.id}`, { cookie: director.cookie, form: { intent: "end", endOn: "2026-06-30", version: link.version } }), params });
  expect(ok.status).toBe(302);
  expect((await call(linkAction, { request: authedRequest(`/tele/links/${link.id}`, { cookie: stranger.cookie, form: { intent: "note", note: "x", version: link.version + 1 } }), params })).status).toBe(403);
});

test("a schedule over HTTP: created, its ICS and the hub's, a stale edit 409, a stranger 404, deleted", async () => {
  const { db, hub, spoke, director, stranger } = await world();
  db.insert(teleLinks).values({ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2020-01-01" }).run();
  const form = { hubFacilityId: hub.id, kind: "consultation", title: "Hội chẩn sản khoa", chapterNumber: 13, weekday: 2, startTime: "14:00", durationMinutes: 60, startOn: "2099-01-01", endOn: "2099-06-30", spokeFacilityIds: [spoke.id] };
  const tooLong = await call(newSeriesAction, { request: authedRequest("/tele/series/new", { cookie: director.cookie, form: { ...form, endOn: "2101-06-30" } }) });
  expect(tooLong.status).toBe(400);
  expect((await bodyOf(tooLong)).result.error.endOn[0]).toContain("tele:links.series.errors.tooLong");
  const badTime = await call(newSeriesAction, { request: authedRequest("/tele/series/new", { cookie: director.cookie, form: { ...form, startTime: "25:00" } }) });
  expect(badTime.status).toBe(400);
  const created = await call(newSeriesAction, { request: authedRequest("/tele/series/new", { cookie: director.cookie, form }) });
  expect(created.status).toBe(302);
  const id = created.headers.get("Location")!.split("/").pop()!;
  const ics = await call(seriesIcs, { request: authedRequest(`/tele/series/${id}/calendar.ics`, { cookie: director.cookie }), params: { id } });
  expect(ics.status).toBe(200);
  expect(ics.headers.get("Content-Type")).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20990630T165959Z");
  expect(body).toContain("DTSTART:20990106T070000Z");
  expect((await call(seriesIcs, { request: authedRequest(`/tele/series/${id}/calendar.ics`, { cookie: stranger.cookie }), params: { id } })).status).toBe(404);
  const hubFile = await call(hubIcs, { request: authedRequest(`/tele/series/calendar.ics?hub=${hub.id}`, { cookie: director.cookie }) });
  expect(await hubFile.text()).toContain("BEGIN:VEVENT");
  const page = await bodyOf(await call(seriesPageLoader, { request: authedRequest(`/tele/series/${id}`, { cookie: director.cookie }), params: { id } }));
  expect(page.upcoming[0]).toBe("2099-01-06");
  const stale = await call(editSeriesAction, { request: authedRequest(`/tele/series/${id}/edit`, { cookie: director.cookie, form: { ...form, title: "Mới", version: page.series.version + 1 } }), params: { id } });
  expect(stale.status).toBe(409);
  const gone = await call(seriesPageAction, { request: authedRequest(`/tele/series/${id}`, { cookie: director.cookie, form: { version: page.series.version } }), params: { id } });
  expect(gone.status).toBe(302);
});

test("/network carries the remote-support layer of the links the reader may read", async () => {
  const { loader: networkLoader } = await import("~/routes/network._index");
  const { db, hub, spoke, director, stranger } = await world();
  db.insert(teleLinks).values({ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2020-01-01" }).run();
  const mine = await bodyOf(await call(networkLoader, { request: authedRequest("/network", { cookie: director.cookie }) }));
  expect(mine.tele.pairs).toEqual([expect.objectContaining({ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapters: [10], total: 0 })]);
  expect(mine.tele.pairs[0].activity).toHaveLength(12);
  const theirs = await bodyOf(await call(networkLoader, { request: authedRequest("/network", { cookie: stranger.cookie }) }));
  expect(theirs.tele.pairs.filter((p: { hubFacilityId: number }) => p.hubFacilityId === hub.id)).toEqual([]);
});
