// Remote support at national scale, added to the national benchmark file (seeds/national.ts):
// hubs and spokes in the proportions of a large hub-and-spoke telemedicine network (about one
// hub to nine spokes) and a year of sessions before the report date, several million rows in
// all. Benchmark data, not history anyone entered: rows go in through prepared statements in
// large transactions, without audit, the rules a user meets being those of the demo's seeds.
//
// The shape of the network:
// - hubs: the central hospitals, each province's original provincial hospitals and one regional
//   centre in four (the centres that support commune stations);
// - spokes: every other facility, linked to one hub in two or three specialties; a provincial
//   hospital hub is itself the spoke of a central hospital (its own referral level);
// - consultations: every spoke presents about four cases a week; referrals up fall over the year
//   (from about one case in four to one in eight, at a pace of its province's own), so the
//   share resolved locally has a trend to draw;
// - training: every hub teaches weekly (a recurring schedule), attended from a handful of its
//   spokes.
//
//   tsx seeds/national-tele.ts [file] [--today=2026-01-15]   (replaces the file's tele data)
import { sql } from "drizzle-orm";
import { openDb, type Db } from "~/db/client.server";
import { addDaysIso } from "~/models/dates";
import { foldSearch } from "~/utils/search";
import type { TeleOutcome } from "~/models/enums";
import { createPrng, type Prng } from "./prng";

/** Specialties a link covers: internal medicine, paediatrics, surgery, obstetrics, emergency, imaging. */
const CHAPTERS = [1, 2, 3, 10, 13, 18] as const;
const CASE_TITLES = ["Ca bệnh khó chẩn đoán cần ý kiến tuyến trên", "Theo dõi sau thủ thuật, xin ý kiến điều trị", "Đọc phim chụp cắt lớp", "Điều chỉnh phác đồ điều trị"];
const TOPICS = ["Cập nhật hướng dẫn chẩn đoán và điều trị", "An toàn người bệnh trong thủ thuật", "Hồi sức cơ bản", "Đọc điện tim"];

type Facility = { id: number; level: string; province: string; code: string };
type Link = { hub: number; spoke: number; chapters: number[] };

export type NationalTeleCounts = { hubs: number; spokes: number; links: number; sessions: number; participants: number };

/** Who supports whom: every spoke gets one hub (its province's where one exists). */
function planNetwork(facilities: Facility[], r: Prng): Link[] {
  const central = facilities.filter((f) => f.level === "A");
  const byProvince = new Map<string, Facility[]>();
  for (const f of facilities) byProvince.set(f.province, [...(byProvince.get(f.province) ?? []), f]);
  const links: Link[] = [];
  const chaptersFor = () => r.shuffle(CHAPTERS).slice(0, r.int(2, 3));
  for (const own of byProvince.values()) {
    // Original provincial hospitals carry "-B" codes; a regional centre raised to B in 2025 does not.
    const provincial = own.filter((f) => /-B\d+$/.test(f.code));
    const regional = own.filter((f) => f.level === "C" || (f.level === "B" && /-C\d+$/.test(f.code)));
    const regionalHubs = regional.filter((_, i) => i % 4 === 0);
    const regionalSpokes = regional.filter((_, i) => i % 4 !== 0);
    const stations = own.filter((f) => f.level === "D");
    if (provincial.length === 0) continue;
    for (const p of provincial) if (central.length) links.push({ hub: r.pick(central).id, spoke: p.id, chapters: chaptersFor() });
    for (const c of regionalSpokes) links.push({ hub: r.pick(provincial).id, spoke: c.id, chapters: chaptersFor() });
    for (const d of stations) {
      const hub = regionalHubs.length && r.chance(0.8) ? r.pick(regionalHubs) : r.pick(provincial);
      links.push({ hub: hub.id, spoke: d.id, chapters: chaptersFor() });
    }
  }
  return links;
}

/** Referred up with a probability that falls from ~25 % to ~12 % over the year, at the province's pace. */
function outcomeOf(r: Prng, yearShare: number, pace: number): TeleOutcome {
  const referred = 0.25 - 0.13 * Math.min(1, yearShare * pace);
  const x = r.next();
  return x < referred ? "referred_up" : x < referred + (1 - referred) * 0.5 ? "advice_only" : "treated_locally";
}

export function seedNationalTele(db: Db, options: { today: string; log?: (s: string) => void }): NationalTeleCounts {
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  const r = createPrng("national-tele");
  const sqlite = db.$client;
  sqlite.exec(`delete from tele_participants; delete from tele_sessions; delete from tele_series_spokes; delete from tele_series; delete from tele_links;`);
  const facilities = db.all<Facility>(
    sql`select id, level, province_code as province, code from facilities where active = 1 and level is not null and province_code is not null order by id`,
  );
  const links = planNetwork(facilities, r);
  const first = addDaysIso(options.today, -364);
  const hubs = [...new Set(links.map((l) => l.hub))];
  const spokesOf = new Map<number, number[]>();
  for (const l of links) spokesOf.set(l.hub, [...(spokesOf.get(l.hub) ?? []), l.spoke]);
  const provinceOf = new Map(facilities.map((f) => [f.id, f.province]));
  const pace = new Map([...new Set(facilities.map((f) => f.province))].map((p) => [p, 0.6 + r.next() * 0.8]));

  const insertLink = sqlite.prepare(`insert into tele_links (hub_facility_id, spoke_facility_id, chapter_number, start_on, note) values (?, ?, ?, ?, ?)`);
  const insertSeries = sqlite.prepare(
    `insert into tele_series (hub_facility_id, kind, title, chapter_number, weekday, start_time, duration_minutes, start_on, end_on) values (?, 'training', ?, ?, 4, '14:00', 90, ?, ?) returning id`,
  );
  const insertSeriesSpoke = sqlite.prepare(`insert into tele_series_spokes (series_id, spoke_facility_id) values (?, ?)`);
  const insertSession = sqlite.prepare(
    `insert into tele_sessions (kind, hub_facility_id, spoke_facility_id, series_id, held_on, start_time, duration_minutes, chapter_number, title, outcome, search_text)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  );
  // The log's folded search column, as recordConsultation and recordTraining write it.
  const folded = new Map([...CASE_TITLES, ...TOPICS].map((t) => [t, foldSearch(t)]));
  const insertParticipant = sqlite.prepare(`insert into tele_participants (session_id, facility_id, side, name) values (?, ?, ?, ?)`);

  let linkRows = 0;
  db.transaction(() => {
    for (const l of links) for (const c of l.chapters) (insertLink.run(l.hub, l.spoke, c, addDaysIso(first, -r.int(30, 900)), null), linkRows++);
  });
  log(`tele: ${hubs.length} hubs, ${links.length} spokes, ${linkRows} links ${Math.round(performance.now() - t0)} ms`);

  let sessions = 0;
  let participants = 0;
  const day = (n: number) => addDaysIso(first, n);
  // Consultations, one transaction per 200 spokes.
  for (let i = 0; i < links.length; i += 200) {
    db.transaction(() => {
      for (const l of links.slice(i, i + 200)) {
        const rl = r.fork(`spoke${l.spoke}-${l.hub}`);
        const count = rl.int(150, 260);
        const provincePace = pace.get(provinceOf.get(l.spoke) ?? "") ?? 1;
        for (let k = 0; k < count; k++) {
          const offset = rl.int(0, 364);
          const args: unknown[] = [
            "consultation",
            l.hub,
            l.spoke,
            null,
            day(offset),
            `${String(rl.int(7, 16)).padStart(2, "0")}:${rl.pick(["00", "15", "30", "45"])}`,
            rl.pick([20, 30, 45, 60]),
            rl.pick(l.chapters),
            rl.pick(CASE_TITLES),
            outcomeOf(rl, offset / 364, provincePace),
          ];
          const { id } = insertSession.get(...args, folded.get(String(args[8]))) as { id: number };
          insertParticipant.run(id, l.hub, "hub", "Bác sĩ tuyến trên");
          insertParticipant.run(id, l.spoke, "spoke", "Bác sĩ trình ca");
          sessions++;
          participants += 2;
        }
      }
    });
    if ((i / 200) % 5 === 0) log(`  consultations: ${i + 200} spokes, ${sessions} sessions ${Math.round(performance.now() - t0)} ms`);
  }
  // Weekly training of every hub, each occurrence attended from a handful of its spokes.
  db.transaction(() => {
    for (const hub of hubs) {
      const rh = r.fork(`hub${hub}`);
      const spokes = spokesOf.get(hub) ?? [];
      const chapter = rh.pick(CHAPTERS);
      const { id: seriesId } = insertSeries.get(hub, rh.pick(TOPICS), chapter, first, options.today) as { id: number };
      for (const s of spokes) insertSeriesSpoke.run(seriesId, s);
      for (let week = 0; week * 7 <= 364; week++) {
        const topic = rh.pick(TOPICS);
        const { id } = insertSession.get("training", hub, null, seriesId, day(week * 7), "14:00", 90, chapter, topic, null, folded.get(topic)) as { id: number };
        insertParticipant.run(id, hub, "hub", "Giảng viên");
        const attending = rh.shuffle(spokes).slice(0, Math.min(spokes.length, rh.int(3, 10)));
        for (const s of attending) insertParticipant.run(id, s, "spoke", "Học viên");
        sessions++;
        participants += 1 + attending.length;
      }
    }
  });
  log(`tele: ${sessions} sessions, ${participants} participants ${Math.round(performance.now() - t0)} ms`);
  return { hubs: hubs.length, spokes: links.length, links: linkRows, sessions, participants };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--")) ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
  const today = args.find((a) => a.startsWith("--today="))?.split("=")[1] ?? "2026-01-15";
  const db = openDb(file);
  seedNationalTele(db, { today, log: (s) => console.log(s) });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.exec("analyze");
  db.$client.close();
}
