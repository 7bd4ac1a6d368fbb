// Times the staff import (preview, then confirm) of 5,000 and 60,000-row files on a temporary
// database, and the longest event-loop stall while each step runs (what every other request waits).
// Run: npx tsx tests/bench/staff-import-bench.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "~/db/client.server";
import { applyImport, getImportBatch } from "~/models/imports/batches.server";
import { previewStaffImport, staffImport } from "~/models/staff/import.server";
import { makeChapter, makeFacility, makeTechnique, makeUser } from "../helpers/factories";

const CADRES = ["Bác sĩ", "BSCKI", "Y sĩ", "ĐD", "CN điều dưỡng", "Hộ sinh", "KTV", "Dược sĩ"];
const SPECIALTIES = ["10", "X", "Ngoại khoa", "III", "Nhi khoa", ""];

function csv(rows: number): Buffer {
  const lines = ["Họ và tên,Chức danh,Chuyên khoa,Số CCHN,Email,Kỹ thuật"];
  for (let i = 0; i < rows; i++) {
    lines.push([`Nguyễn Văn Thử ${i}`, CADRES[i % CADRES.length], SPECIALTIES[i % SPECIALTIES.length], `${String(i).padStart(6, "0")}/LC-CCHN`, i % 3 ? `nv${i}@bv.vn` : "", i % 4 ? "" : "10.1"].join(","));
  }
  return Buffer.from(lines.join("\n"));
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number; cpuMs: number }> {
  // The longest gap between ticks of a 10 ms timer: how long another request would have waited.
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  // CPU time of this process's main thread and the reading worker: steadier than wall time on a shared machine.
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  stallMs = Math.max(stallMs, performance.now() - last);
  clearInterval(timer);
  return { value, ms, stallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staff-bench-"));
  try {
    for (const rows of [5_000, 60_000]) {
      const db = openDb(path.join(dir, `bench-${rows}.sqlite`));
      makeChapter(db, 3, "NHI KHOA");
      makeTechnique(db, { code: "10.1" });
      const facility = makeFacility(db);
      const actor = { userId: makeUser(db, { role: "director", facilityId: facility.id }).id, role: "director" as const, facilityId: facility.id, provinceCode: facility.provinceCode };
      const file = { fileName: `staff-${rows}.csv`, bytes: csv(rows) };
      const preview = await timed(() => previewStaffImport(db, actor, file, null, "2026-03-05"));
      const summary = getImportBatch(db, actor, preview.value).summary;
      const write = await timed(() => applyImport(db, staffImport, actor, preview.value, "2026-03-05"));
      const again = await timed(() => previewStaffImport(db, actor, file, null, "2026-03-05"));
      const againSummary = getImportBatch(db, actor, again.value).summary;
      console.log(
        `${rows} rows: preview ${Math.round(preview.ms)} ms (cpu ${Math.round(preview.cpuMs)} ms, longest stall ${Math.round(preview.stallMs)} ms; new ${summary.new}), ` +
          `confirm ${Math.round(write.ms)} ms (cpu ${Math.round(write.cpuMs)} ms, stall ${Math.round(write.stallMs)} ms; written ${JSON.stringify(write.value.result)}), ` +
          `re-import preview ${Math.round(again.ms)} ms (unchanged ${againSummary.unchanged})`,
      );
      db.$client.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
