// Timing of a 5,000-row ledger import (preview, then confirmation) on a temp database holding a
// catalogue of 19,438 techniques with 10,000 billing codes and a province of 150 facilities with
// 300,000 ledger events. The file is the department's: a facility code column, half the rows
// keyed by billing codes, half by technique codes, every other row with a decision.
//   npx tsx tests/bench/ledger-import.bench.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { ledgerImport, previewLedgerImport } from "~/models/adoption/import.server";
import { applyImport, getImportBatch } from "~/models/imports/batches.server";
import { readTable } from "~/models/imports/read-table.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-bench-"));
const db = openDb(path.join(dir, "bench.sqlite"));
const sqlite = db.$client;
const today = "2026-06-15";

let t = performance.now();
sqlite.transaction(() => {
  sqlite.prepare("insert into provinces (code, name, name_en, full_name, full_name_en, unit_type) values ('15', 'Lào Cai', 'Lao Cai', 'Tỉnh Lào Cai', 'Lao Cai Province', 'Province')").run();
  for (let c = 1; c <= 28; c++) sqlite.prepare("insert or ignore into chapters (number, roman, name) values (?, ?, ?)").run(c, String(c), `Chương ${c}`);
  const technique = sqlite.prepare("insert into techniques (code, chapter_number, number, name, search_text, min_level) values (?, ?, ?, ?, ?, ?)");
  const billing = sqlite.prepare("insert into technique_billing_codes (technique_id, code, technique_name) values (?, ?, ?)");
  for (let i = 1; i <= 19_438; i++) {
    const chapter = (i % 28) + 1;
    const code = `${chapter}.${i}`;
    const id = Number(technique.run(code, chapter, i, `Kỹ thuật ${i}`, `ky thuat ${i}`, ["A", "B", "C", "D"][i % 4]).lastInsertRowid);
    if (i <= 10_000) billing.run(id, `${String(chapter).padStart(2, "0")}.${String(i % 10_000).padStart(4, "0")}.${String(i).padStart(4, "0")}`, `Kỹ thuật ${i}`);
  }
  const facility = sqlite.prepare(
    "insert into facilities (code, name, short_name, search_text, kind, level, province_code, beds) values (?, ?, ?, ?, 'provincial_hospital', 'B', '15', 300)",
  );
  for (let f = 1; f <= 150; f++) facility.run(`LC${f}`, `Bệnh viện ${f}`, `BV ${f}`, `bv ${f}`);
  const event = sqlite.prepare("insert into adoption_events (facility_id, technique_id, kind, event_on, source) values (?, ?, 'started', '2020-01-01', 'import')");
  for (let f = 1; f <= 150; f++) for (let k = 0; k < 2_000; k++) event.run(f, 10_001 + ((f * 37 + k) % 9_000));
})();
sqlite.prepare("insert into users (username, display_name, password_hash, role, province_code) values ('syt', 'Sở Y tế', '!', 'department', '15')").run();
console.log(`setup ${Math.round(performance.now() - t)} ms`);

const department: Actor = { userId: 1, role: "department", facilityId: null, provinceCode: "15" };
const lines = ["Mã cơ sở,Mã kỹ thuật,Mã tương đương,Ngày bắt đầu,Số quyết định,Ngày phê duyệt"];
for (let r = 0; r < 5_000; r++) {
  const i = r + 1;
  const chapter = (i % 28) + 1;
  const facility = `LC${(r % 150) + 1}`;
  const byBilling = r % 2 === 0;
  const code = byBilling ? "" : `${chapter}.${i}`;
  const billingCode = byBilling ? `${String(chapter).padStart(2, "0")}.${String(i % 10_000).padStart(4, "0")}.${String(i).padStart(4, "0")}` : "";
  const decision = r % 4 < 2 ? `${100 + (r % 7)}/QĐ-SYT,15/09/2025` : ",";
  lines.push(`${facility},${code},${billingCode},01/03/2024,${decision}`);
}
const file = { fileName: "so-ky-thuat.csv", bytes: Buffer.from(lines.join("\n")) };

// The parts of a preview: reading the file (worker thread) and planning it.
t = performance.now();
const sheet = await readTable(file);
const readMs = performance.now() - t;
t = performance.now();
ledgerImport.plan(db, sheet, { actor: department, options: { facilityId: null, provinceCode: "15" }, today });
console.log(`read ${Math.round(readMs)} ms, plan ${Math.round(performance.now() - t)} ms`);

t = performance.now();
const id = await previewLedgerImport(db, department, file, null, today);
const previewMs = performance.now() - t;
const summary = getImportBatch(db, department, id).summary;
t = performance.now();
const applied = await applyImport(db, ledgerImport, department, id, today);
const applyMs = performance.now() - t;
console.log(`rows ${JSON.stringify(summary)}`);
console.log(`written ${JSON.stringify(applied.result)}`);
console.log(`preview ${Math.round(previewMs)} ms, confirm ${Math.round(applyMs)} ms, total ${Math.round(previewMs + applyMs)} ms`);
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
