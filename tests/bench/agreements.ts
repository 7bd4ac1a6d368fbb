// Response times of the agreements list and of an agreement with 200 plan items, over HTTP
// against the built app on a temporary database (not a test: run by hand).
//
//   REMIX_BUILD_DIR=tests/.tmp-bench/build npx remix build
//   npx tsx tests/bench/agreements.ts tests/.tmp-bench/build [agreements=2000]
//
// The database holds 2,000 agreements over 1,000 facilities (the list filters, counts and
// pages them) and one agreement with 200 items at mixed stages (the plan page aggregates
// them by phase). Each page is fetched 30 times after 5 warm-ups; the median and p95 are printed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { openDb } from "~/db/client.server";
import { facilities, provinces, techniques, chapters, transferItems, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { createAgreement, changeAgreementStatus } from "~/models/agreements/commands.server";
import { commitSessionCookie, createSession } from "~/models/auth/session.server";
import { addTransferItem } from "~/models/transfers/plan.server";
import { foldSearch } from "~/utils/search";
import { TRANSFER_STAGES } from "~/models/enums";
import { eq } from "drizzle-orm";

// One secret for the cookies signed here and the server that checks them.
process.env.SESSION_SECRET ||= `bench-${Date.now()}`;
const [buildDir, agreementArg] = process.argv.slice(2);
if (!buildDir) throw new Error("usage: tsx tests/bench/agreements.ts BUILD_DIR [agreements]");
const AGREEMENTS = Number(agreementArg ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-agreements-"));
const file = path.join(dir, "bench.sqlite");
const db = openDb(file);

const started = performance.now();
db.insert(provinces).values({ code: "15", name: "Lào Cai", nameEn: "Lao Cai", fullName: "Tỉnh Lào Cai", fullNameEn: "Lao Cai Province", unitType: "Province" }).run();
db.insert(chapters).values({ number: 10, roman: "X", name: "NGOẠI KHOA" }).run();
const techniqueRows = db
  .insert(techniques)
  .values(Array.from({ length: 400 }, (_, i) => ({ code: `10.${i + 1}`, chapterNumber: 10, number: i + 1, name: `Kỹ thuật ${i + 1}`, searchText: `10.${i + 1} ky thuat ${i + 1}`, minLevel: "B" as const })))
  .returning({ id: techniques.id, code: techniques.code })
  .all();
const facilityRows = db
  .insert(facilities)
  .values(
    Array.from({ length: 1000 }, (_, i) => ({
      code: `F${i}`,
      name: `Bệnh viện ${i}`,
      shortName: `BV ${i}`,
      searchText: foldSearch(`F${i} Bệnh viện ${i}`),
      kind: "provincial_hospital" as const,
      level: i < 50 ? ("A" as const) : i < 300 ? ("B" as const) : ("C" as const),
      provinceCode: "15",
    })),
  )
  .returning({ id: facilities.id, code: facilities.code })
  .all();
const admin = db.insert(users).values({ username: "bench", displayName: "Bench", passwordHash: "!", role: "admin" }).returning().get();
const director = db.insert(users).values({ username: "bench-director", displayName: "Director", passwordHash: "!", role: "director", facilityId: facilityRows[0].id }).returning().get();
const actor: Actor = { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };

// The big agreement, owned by facility 0, supporting two receivers, 200 items in 4 phases.
const big = createAgreement(db, actor, {
  number: "BENCH-200",
  signedOn: "2024-12-20",
  title: "Kế hoạch 200 kỹ thuật",
  type: "technique_transfer",
  startOn: "2025-01-01",
  endOn: "2027-12-31",
  minRotationMonths: 3,
  chapters: [],
  parties: [
    { facilityCode: "F0", role: "supporting" },
    { facilityCode: "F500", role: "receiving" },
    { facilityCode: "F501", role: "receiving" },
  ],
  ownerFacilityCode: "F0",
});
changeAgreementStatus(db, actor, big.id, { toStatus: "active", version: 1 });
for (let i = 0; i < 200; i++) {
  const item = addTransferItem(
    db,
    actor,
    big.id,
    { techniqueCode: techniqueRows[i % 200].code, fromFacilityId: facilityRows[0].id, toFacilityId: facilityRows[i < 100 ? 500 : 501].id, phase: 1 + (i % 4), priority: 1 + (i % 5), requiredCases: 5, targetDate: `2026-0${1 + (i % 9)}-15` },
    { today: "2025-01-01" },
  );
  // Stages spread over the plan (written directly: the bench measures reads, not the gates).
  db.update(transferItems).set({ stage: TRANSFER_STAGES[i % 6] }).where(eq(transferItems.id, item.id)).run();
}
// Many other agreements: the director's facility is a party of one in ten.
for (let i = 1; i < AGREEMENTS; i++) {
  const supporter = facilityRows[(i * 7) % 300];
  const receiver = facilityRows[300 + ((i * 13) % 700)];
  const parties = [
    { facilityCode: supporter.code, role: "supporting" as const },
    { facilityCode: receiver.code, role: "receiving" as const },
  ];
  if (i % 10 === 0 && supporter.code !== "F0") parties.push({ facilityCode: "F0", role: "receiving" as const });
  const a = createAgreement(db, actor, { number: `HĐ-${i}`, title: `Thỏa thuận ${i}`, type: "technique_transfer", signedOn: "2023-12-20", startOn: "2024-01-01", endOn: `202${6 + (i % 3)}-06-30`, minRotationMonths: 3, chapters: [], parties, ownerFacilityCode: supporter.code });
  if (i % 3 !== 0) changeAgreementStatus(db, actor, a.id, { toStatus: "active", version: 1 });
}
console.log(`database: ${AGREEMENTS} agreements, 200-item plan, 1,000 facilities in ${Math.round(performance.now() - started)} ms`);

async function cookieOf(userId: number) {
  const id = createSession(db, userId);
  return (await commitSessionCookie(new Request("http://127.0.0.1"), id)).split(";")[0];
}
const adminCookie = await cookieOf(admin.id);
const directorCookie = await cookieOf(director.id);
db.$client.pragma("wal_checkpoint(TRUNCATE)");
db.$client.close();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
const port = await freePort();
const child = spawn("npx", ["remix-serve", path.join(buildDir, "server/index.js")], {
  env: { ...process.env, DATABASE_PATH: file, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", SESSION_SECRET: process.env.SESSION_SECRET },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 150; i++) {
  try {
    if ((await fetch(`${base}/healthcheck`)).ok) break;
  } catch {
    // not yet listening
  }
  await new Promise((r) => setTimeout(r, 200));
}

async function time(label: string, url: string, cookie: string) {
  const samples: number[] = [];
  for (let i = 0; i < 35; i++) {
    const t0 = performance.now();
    const res = await fetch(base + url, { headers: { Cookie: cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
    if (i >= 5) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`${label.padEnd(48)} median ${p(0.5)} ms  p95 ${p(0.95)} ms`);
}

try {
  await time("GET /agreements (admin, all)", "/agreements", adminCookie);
  await time("GET /agreements?_data (loader JSON only)", "/agreements?_data=routes%2Fagreements._index", adminCookie);
  await time("GET /agreements?status=expiring&q=thoa (admin)", "/agreements?status=expiring&q=thoa", adminCookie);
  await time("GET /agreements (director, own scope)", "/agreements", directorCookie);
  await time("GET /agreements/:id (200 items, page of 100)", `/agreements/${big.id}`, adminCookie);
  await time("GET /agreements/:id?_data (loader JSON only)", `/agreements/${big.id}?_data=routes%2Fagreements.%24id._index`, adminCookie);
  await time("GET /agreements/:id/print (all 200 items)", `/agreements/${big.id}/print`, adminCookie);
  await time("GET /agreements/:id/export (XLSX, 200 items)", `/agreements/${big.id}/export`, adminCookie);
  await time("GET /director (director)", "/director", directorCookie);
  await time("GET /network (whole network)", "/network", adminCookie);
} finally {
  if (child.pid) process.kill(-child.pid, "SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
