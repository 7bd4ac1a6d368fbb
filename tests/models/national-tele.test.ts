// The national generator's remote-support step: the network's proportions, sessions only over
// a hub–spoke link in force for the session's specialty, within the year before the report
// date, and a share resolved locally that rises over the year.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { seedNationalTele, type NationalTeleCounts } from "../../seeds/national-tele";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";

const TODAY = "2026-01-15";
let db: Db;
let counts: NationalTeleCounts;

beforeAll(() => {
  db = createTestDb();
  for (const n of [1, 2, 3, 10, 13, 18]) makeChapter(db, n, `Chương ${n}`);
  const central = makeProvince(db, { code: "01" });
  for (let i = 0; i < 2; i++) makeFacility(db, { code: `NAT-A-${i}`, level: "A", kind: "central_hospital", provinceCode: central.code });
  for (const code of ["15", "27"]) {
    makeProvince(db, { code });
    for (let i = 0; i < 2; i++) makeFacility(db, { code: `NAT-${code}-B${i}`, level: "B", provinceCode: code });
    for (let i = 0; i < 8; i++) makeFacility(db, { code: `NAT-${code}-C${i}`, level: "C", kind: "regional_centre", provinceCode: code });
    for (let i = 0; i < 30; i++) makeFacility(db, { code: `NAT-${code}-D${i}`, level: "D", kind: "commune_station", provinceCode: code });
  }
  counts = seedNationalTele(db, { today: TODAY });
});

describe("seedNationalTele", () => {
  it("lays out about one hub to nine spokes", () => {
    // Hubs: the central hospitals used, 2 provincial and 2 regional per province; spokes: the rest.
    expect(counts.hubs).toBeGreaterThanOrEqual(5);
    expect(counts.spokes).toBe(2 * (2 + 6 + 30));
    expect(counts.spokes / counts.hubs).toBeGreaterThan(6);
    expect(counts.spokes / counts.hubs).toBeLessThan(14);
  });

  it("writes every session over a link of its specialty, in the year before the report date", () => {
    const outside = db.get<{ n: number }>(sql`select count(*) as n from tele_sessions s
      where s.kind = 'consultation' and not exists (select 1 from tele_links l
        where l.hub_facility_id = s.hub_facility_id and l.spoke_facility_id = s.spoke_facility_id
          and l.chapter_number = s.chapter_number and l.start_on <= s.held_on and (l.end_on is null or l.end_on >= s.held_on))`)!.n;
    expect(outside).toBe(0);
    const range = db.get<{ first: string; last: string; n: number }>(sql`select min(held_on) as first, max(held_on) as last, count(*) as n from tele_sessions`)!;
    expect(range.first >= "2025-01-16").toBe(true);
    expect(range.last <= TODAY).toBe(true);
    expect(range.n).toBe(counts.sessions);
    const people = db.get<{ n: number }>(sql`select count(*) as n from tele_participants`)!.n;
    expect(people).toBe(counts.participants);
    // Training attendees come only from the hub's own spokes.
    const stray = db.get<{ n: number }>(sql`select count(*) as n from tele_participants p join tele_sessions s on s.id = p.session_id
      where s.kind = 'training' and p.side = 'spoke'
        and not exists (select 1 from tele_links l where l.hub_facility_id = s.hub_facility_id and l.spoke_facility_id = p.facility_id)`)!.n;
    expect(stray).toBe(0);
    // The log's folded title is written as the pages write it.
    const unfolded = db.get<{ n: number }>(sql`select count(*) as n from tele_sessions where search_text <> fold_search(title)`)!.n;
    expect(unfolded).toBe(0);
  });

  it("makes the share resolved locally rise from the first quarter to the last", () => {
    const share = (from: string, to: string) =>
      db.get<{ share: number }>(sql`select avg(case when outcome = 'referred_up' then 0.0 else 1.0 end) as share
        from tele_sessions where kind = 'consultation' and held_on between ${from} and ${to}`)!.share;
    expect(share("2025-10-15", TODAY)).toBeGreaterThan(share("2025-01-16", "2025-04-15"));
  });

  it("replaces the file's remote-support data when run again", () => {
    const again = seedNationalTele(db, { today: TODAY });
    expect(again).toEqual(counts);
    expect(db.get<{ n: number }>(sql`select count(*) as n from tele_sessions`)!.n).toBe(counts.sessions);
  });
});
