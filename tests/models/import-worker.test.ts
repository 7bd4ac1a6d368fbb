// The import worker over a real database file: the same previews and writes as inline, domain
// errors that come back as the same errors, and what a confirmation does when the data moved.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDb, type Db } from "~/db/client.server";
import { verifyAuditChain } from "~/models/audit/chain.server";
import { DomainError } from "~/models/errors";
import { applyImport, getImportBatch } from "~/models/imports/batches.server";
import { importWorkerPath } from "~/models/imports/worker-runner.server";
import { previewStaffImport, staffImport } from "~/models/staff/import.server";
import { userActor } from "../helpers/actors";
import { makeFacility, makeStaff } from "../helpers/factories";

const TODAY = "2026-03-05";
const root = process.cwd();
// Inside the project, so that the bundle finds its packages in node_modules.
const dir = fs.mkdtempSync(path.join(root, "tests", ".tmp-import-worker-"));
const dbFiles: Db[] = [];

beforeAll(() => {
  // The bundle `npm run build` writes beside the server bundle, built here into the temporary folder.
  execFileSync("node", ["app/ops/build-worker.mjs"], { cwd: root, env: { ...process.env, REMIX_BUILD_DIR: dir } });
  process.env.IMPORT_WORKER_PATH = path.join(dir, "server", "import-worker.mjs");
}, 300_000);

afterAll(() => {
  delete process.env.IMPORT_WORKER_PATH;
  for (const db of dbFiles) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function world() {
  const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-worker-")), "planner.sqlite"));
  dbFiles.push(db);
  const facility = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2" });
  const director = userActor(db, "director", facility.id, facility.provinceCode);
  return { db, facility, director };
}

function csv(rows: string[][]) {
  const text = [["Họ và tên", "Chức danh", "Chuyên khoa", "Số CCHN", "Email"], ...rows].map((r) => r.join(",")).join("\n");
  return { fileName: "nhân sự; đợt 1.csv", bytes: Buffer.from(text) };
}

test("the job runs in the worker bundle: preview, then confirmation, written on the shared file", async () => {
  expect(importWorkerPath()).toBe(process.env.IMPORT_WORKER_PATH);
  const { db, facility, director } = world();
  const rows = Array.from({ length: 300 }, (_, i) => [`Nguyễn Văn Thử ${i}`, "Bác sĩ", "", `${String(i).padStart(6, "0")}/LC-CCHN`, ""]);
  const id = await previewStaffImport(db, director, csv(rows), null, TODAY);
  const batch = getImportBatch(db, director, id);
  expect(batch).toMatchObject({ status: "preview", fileName: "nhân sự; đợt 1.csv" });
  expect(batch.summary.new).toBe(300);
  const staffCount = () => (db.$client.prepare("SELECT count(*) AS n FROM staff WHERE facility_id = ?").get(facility.id) as { n: number }).n;
  expect(staffCount()).toBe(0);

  const applied = await applyImport(db, staffImport, director, id, TODAY);
  expect(applied.status).toBe("applied");
  expect(applied.result).toEqual({ created: 300, updated: 0, techniquesAdded: 0 });
  expect(staffCount()).toBe(300);
  // One event per person and one for the import, each linked to the one before.
  expect(verifyAuditChain(db.$client)).toMatchObject({ broken: null });
  expect((db.$client.prepare("SELECT count(*) AS n FROM audit_events WHERE entity_type = 'staff'").get() as { n: number }).n).toBe(300);
});

test("a domain error in the worker comes back as the same error, field and status", async () => {
  const { db, director } = world();
  const error = await previewStaffImport(db, director, { fileName: "ghi-chu.csv", bytes: Buffer.from("Cột lạ,Khác\n1,2\n") }, null, TODAY).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ field: "file", status: 400 });
  expect((error as DomainError).message).toMatch(/^imports:|^staff:/);
  expect((db.$client.prepare("SELECT count(*) AS n FROM import_batches").get() as { n: number }).n).toBe(0);
});

test("a record edited after the preview makes the confirmation a 409 that writes nothing", async () => {
  const { db, facility, director } = world();
  makeStaff(db, { facilityId: facility.id, fullName: "Phạm Minh Đức", licenceNumber: "000123/LC-CCHN" });
  const id = await previewStaffImport(db, director, csv([["Phạm Minh Đức", "BSCKI", "", "000123/LC-CCHN", "duc@bv.vn"], ["Lò Thị Hoa", "Y sĩ", "", "000456/LC-CCHN", ""]]), null, TODAY);
  expect(getImportBatch(db, director, id).summary).toMatchObject({ new: 1, changed: 1 });
  // Someone enters Lò Thị Hoa by hand meanwhile: her row is no longer new, the counts differ.
  makeStaff(db, { facilityId: facility.id, fullName: "Lò Thị Hoa", cadre: "assistant_doctor", licenceNumber: "000456/LC-CCHN" });
  const error = await applyImport(db, staffImport, director, id, TODAY).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 409, message: "imports:errors.changedSincePreview" });
  expect(getImportBatch(db, director, id).status).toBe("preview");
  expect((db.$client.prepare("SELECT count(*) AS n FROM staff").get() as { n: number }).n).toBe(2);
});

test("two confirmations of one preview at once: one writes, the other is told it was decided", async () => {
  const { db, director } = world();
  const id = await previewStaffImport(db, director, csv([["Lò Thị Hoa", "Y sĩ", "", "000456/LC-CCHN", ""]]), null, TODAY);
  const results = await Promise.allSettled([applyImport(db, staffImport, director, id, TODAY), applyImport(db, staffImport, director, id, TODAY)]);
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(refused.reason).toMatchObject({ status: 409, message: "imports:errors.alreadyDecided" });
  expect((db.$client.prepare("SELECT count(*) AS n FROM staff").get() as { n: number }).n).toBe(1);
});
