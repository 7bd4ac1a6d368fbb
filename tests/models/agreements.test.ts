import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { agreementParties, agreements, auditEvents } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { changeAgreementStatus, createAgreement, renewAgreement, updateAgreement, type AgreementInput } from "~/models/agreements/commands.server";
import { getDirectorDashboard } from "~/models/agreements/dashboard.server";
import { getDocumentFile, MAX_DOCUMENT_BYTES, saveDocument } from "~/models/agreements/documents.server";
import { addMeeting } from "~/models/agreements/meetings.server";
import { getNetwork } from "~/models/agreements/network.server";
import { getAgreement, listAgreements } from "~/models/agreements/queries.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince, makeUser } from "../helpers/factories";

const TODAY = "2026-03-15";
const page = { page: 1, pageSize: 25, offset: 0 };

function world() {
  const db = createTestDb();
  const province = makeProvince(db);
  const otherProvince = makeProvince(db);
  const hub = makeFacility(db, { level: "B", provinceCode: province.code, name: "Bệnh viện Đa khoa tỉnh Số 2" });
  const spokeA = makeFacility(db, { level: "C", provinceCode: province.code, name: "Bệnh viện Bảo Thắng" });
  const spokeB = makeFacility(db, { level: "C", provinceCode: province.code, name: "Bệnh viện Bảo Yên" });
  const stranger = makeFacility(db, { level: "B", provinceCode: otherProvince.code });
  makeChapter(db, 10);
  const actorOf = (u: { id: number; role: Actor["role"]; facilityId: number | null; provinceCode: string | null }, provinceCode: string | null = null): Actor => ({
    userId: u.id,
    role: u.role,
    facilityId: u.facilityId,
    provinceCode: u.provinceCode ?? provinceCode,
  });
  const director = actorOf(makeUser(db, { role: "director", facilityId: hub.id }), province.code);
  const spokeDirector = actorOf(makeUser(db, { role: "director", facilityId: spokeA.id }), province.code);
  const strangerDirector = actorOf(makeUser(db, { role: "director", facilityId: stranger.id }), otherProvince.code);
  const department = actorOf(makeUser(db, { role: "department", provinceCode: province.code }));
  const otherDepartment = actorOf(makeUser(db, { role: "department", provinceCode: otherProvince.code }));
  const admin = actorOf(makeUser(db, { role: "admin" }));
  const input = (overrides: Partial<AgreementInput> = {}): AgreementInput => ({
    number: "01/2026/HĐ-BVĐK2",
    title: "Chuyển giao kỹ thuật cho tuyến khu vực",
    type: "technique_transfer",
    signedOn: "2026-01-10",
    startOn: "2026-01-15",
    endOn: "2027-01-14",
    minRotationMonths: 3,
    chapters: [10],
    parties: [
      { facilityCode: hub.code, role: "supporting" },
      { facilityCode: spokeA.code, role: "receiving" },
      { facilityCode: spokeB.code, role: "receiving" },
    ],
    ...overrides,
  });
  return { db, province, otherProvince, hub, spokeA, spokeB, stranger, director, spokeDirector, strangerDirector, department, otherDepartment, admin, input };
}

test("a director creates an agreement owned by their own facility, with parties, scope and an audit event", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input({ ownerFacilityCode: w.stranger.code }));
  expect(a.ownerFacilityId).toBe(w.hub.id);
  expect(a.status).toBe("draft");
  const parties = w.db.select().from(agreementParties).where(eq(agreementParties.agreementId, a.id)).all();
  expect(parties.map((p) => p.role).sort()).toEqual(["receiving", "receiving", "supporting"]);
  const audit = w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "agreement")).all();
  expect(audit).toHaveLength(1);
});

test("end before start, an unknown facility code and a missing role are refused next to their fields, nothing saved", () => {
  const w = world();
  expect(() => createAgreement(w.db, w.director, w.input({ startOn: "2026-02-01", endOn: "2026-01-31" }))).toThrow(
    expect.objectContaining({ message: "common:validation.endBeforeStart", field: "endOn", status: 400 }),
  );
  expect(() =>
    createAgreement(w.db, w.director, w.input({ parties: [{ facilityCode: w.hub.code, role: "supporting" }, { facilityCode: "NOPE", role: "receiving" }] })),
  ).toThrow(expect.objectContaining({ message: "agreements:errors.facilityUnknown", field: "parties[1].facilityCode" }));
  expect(() =>
    createAgreement(w.db, w.director, w.input({ parties: [{ facilityCode: w.hub.code, role: "supporting" }, { facilityCode: w.spokeA.code }] })),
  ).toThrow(expect.objectContaining({ message: "agreements:errors.partyRoleMissing", field: "parties[1].role" }));
  expect(w.db.select().from(agreements).all()).toHaveLength(0);
});

test("a director must be a party of the agreement they create; viewers cannot create", () => {
  const w = world();
  expect(() =>
    createAgreement(w.db, w.director, w.input({ parties: [{ facilityCode: w.stranger.code, role: "supporting" }, { facilityCode: w.spokeA.code, role: "receiving" }] })),
  ).toThrow(expect.objectContaining({ message: "agreements:errors.ownerNotParty" }));
  const viewer: Actor = { userId: 999, role: "viewer", facilityId: w.hub.id, provinceCode: null };
  expect(() => createAgreement(w.db, viewer, w.input())).toThrow(expect.objectContaining({ status: 403 }));
});

test("parties and their province's department read an agreement; other hospitals get 403 and unknown ids 404", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input());
  expect(getAgreement(w.db, w.spokeDirector, a.id, TODAY).canManage).toBe(false);
  expect(getAgreement(w.db, w.department, a.id, TODAY).agreement.id).toBe(a.id);
  expect(getAgreement(w.db, w.admin, a.id, TODAY).canManage).toBe(true);
  expect(() => getAgreement(w.db, w.strangerDirector, a.id, TODAY)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => getAgreement(w.db, w.otherDepartment, a.id, TODAY)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => getAgreement(w.db, w.director, a.id + 100, TODAY)).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => updateAgreement(w.db, w.spokeDirector, a.id, { ...w.input(), version: 1 })).toThrow(expect.objectContaining({ status: 403 }));
});

test("the list shows only readable agreements and filters by status, expiring, party, province and search", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input({ endOn: "2026-05-01" }));
  changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", version: 1 });
  createAgreement(w.db, w.admin, w.input({ number: "X-1", title: "Khác", parties: [{ facilityCode: w.stranger.code, role: "supporting" }, { facilityCode: w.spokeB.code, role: "receiving" }] }));
  const strangerOnly = createAgreement(w.db, w.admin, {
    ...w.input({ number: "X-2", title: "Ngoài tỉnh" }),
    parties: [{ facilityCode: w.stranger.code, role: "supporting" }, { facilityCode: makeFacility(w.db, { provinceCode: w.otherProvince.code }).code, role: "receiving" }],
  });
  const numbers = (actor: Actor, filter = {}) => listAgreements(w.db, actor, filter, page, TODAY).rows.map((r) => r.number).sort();
  expect(numbers(w.director)).toEqual(["01/2026/HĐ-BVĐK2"]);
  expect(numbers(w.department)).toEqual(["01/2026/HĐ-BVĐK2", "X-1"]);
  expect(numbers(w.admin)).toHaveLength(3);
  expect(numbers(w.admin, { status: "expiring" })).toEqual(["01/2026/HĐ-BVĐK2"]);
  expect(numbers(w.admin, { expiringDays: 30 })).toEqual([]);
  expect(numbers(w.admin, { status: "draft" })).toEqual(["X-1", "X-2"]);
  expect(numbers(w.admin, { party: w.spokeB.id })).toEqual(["01/2026/HĐ-BVĐK2", "X-1"]);
  expect(numbers(w.admin, { province: w.otherProvince.code })).toEqual(["X-1", "X-2"]);
  expect(numbers(w.admin, { q: "bao thang" })).toEqual(["01/2026/HĐ-BVĐK2"]);
  expect(listAgreements(w.db, w.admin, { status: "expiring" }, page, TODAY).rows[0].displayStatus).toBe("expiring");
  expect(strangerOnly.ownerFacilityId).toBe(w.stranger.id);
});

test("a stale edit is refused with 409 and changes nothing", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input());
  updateAgreement(w.db, w.director, a.id, { ...w.input({ title: "Tên mới" }), version: 1 });
  expect(() => updateAgreement(w.db, w.director, a.id, { ...w.input({ title: "Tên cũ hơn" }), version: 1 })).toThrow(
    expect.objectContaining({ status: 409 }),
  );
  const row = w.db.select().from(agreements).where(eq(agreements.id, a.id)).get()!;
  expect(row.title).toBe("Tên mới");
  expect(row.version).toBe(2);
});

test("status goes draft -> active (signed) -> terminated with a reason; closed agreements cannot change", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input({ signedOn: undefined }));
  expect(() => changeAgreementStatus(w.db, w.director, a.id, { toStatus: "ended", version: 1 })).toThrow(expect.objectContaining({ status: 409 }));
  expect(() => changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", version: 1 })).toThrow(
    expect.objectContaining({ message: "agreements:errors.signedOnRequired" }),
  );
  const active = changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", signedOn: "2026-01-12", version: 1 });
  expect(active.status).toBe("active");
  const ended = changeAgreementStatus(w.db, w.director, a.id, { toStatus: "terminated", terminatedOn: "2026-03-01", terminationReason: "Sáp nhập", version: 2 });
  expect(ended.terminationReason).toBe("Sáp nhập");
  expect(() => updateAgreement(w.db, w.director, a.id, { ...w.input(), version: 3 })).toThrow(expect.objectContaining({ message: "agreements:errors.closed" }));
});

test("renewal creates one draft successor with the same parties and scope, linked to its predecessor", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input());
  changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", version: 1 });
  const next = renewAgreement(w.db, w.director, a.id, { number: "02/2027", startOn: "2027-01-15", endOn: "2028-01-14" });
  expect(next.predecessorId).toBe(a.id);
  expect(next.status).toBe("draft");
  const detail = getAgreement(w.db, w.director, next.id, TODAY);
  expect(detail.parties).toHaveLength(3);
  expect(detail.chapters.map((c) => c.number)).toEqual([10]);
  expect(getAgreement(w.db, w.director, a.id, TODAY).successor?.id).toBe(next.id);
  expect(() => renewAgreement(w.db, w.director, a.id, { number: "03", startOn: "2027-01-15" })).toThrow(expect.objectContaining({ status: 409 }));
});

test("an international exchange between health departments and a foreign partner keeps its conference records", () => {
  const w = world();
  const dept = makeFacility(w.db, { kind: "health_department", level: null, provinceCode: w.province.code });
  const guangxi = makeFacility(w.db, { kind: "other_organisation", level: null, provinceCode: null, country: "CN" });
  const a = createAgreement(w.db, w.admin, {
    ...w.input({ type: "international", number: "QT-01" }),
    parties: [{ facilityCode: dept.code, role: "coordinating" }, { facilityCode: guangxi.code, role: "coordinating" }],
    ownerFacilityCode: dept.code,
  });
  expect(a.ownerFacilityId).toBe(dept.id);
  expect(() => addMeeting(w.db, w.admin, a.id, { title: "Hội nghị", heldOn: "2025-06-01", hostFacilityId: w.hub.id })).toThrow(
    expect.objectContaining({ message: "agreements:errors.hostNotParty" }),
  );
  addMeeting(w.db, w.admin, a.id, { title: "Hội nghị giao ban thường niên 2025", heldOn: "2025-06-01", hostFacilityId: guangxi.id, minutesNumber: "BB-2025", minutesSignedOn: "2025-06-01" });
  expect(getAgreement(w.db, w.admin, a.id, TODAY).meetings[0].minutesNumber).toBe("BB-2025");
});

test("documents are type-checked by content, size-limited, and stored once by checksum outside the database", () => {
  const w = world();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h4-docs-"));
  const a = createAgreement(w.db, w.director, w.input());
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n");
  const doc = saveDocument(w.db, w.director, a.id, { title: "Bản ký", fileName: "hop-dong.pdf", bytes: pdf }, { dir });
  expect(doc.mimeType).toBe("application/pdf");
  expect(fs.readFileSync(path.join(dir, doc.storagePath))).toEqual(Buffer.from(pdf));
  expect(getDocumentFile(w.db, w.spokeDirector, a.id, doc.id, { dir }).sha256).toBe(doc.sha256);
  expect(() => getDocumentFile(w.db, w.strangerDirector, a.id, doc.id, { dir })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => saveDocument(w.db, w.director, a.id, { title: "x", fileName: "virus.pdf", bytes: new TextEncoder().encode("MZ…") }, { dir })).toThrow(
    expect.objectContaining({ status: 415 }),
  );
  expect(() => saveDocument(w.db, w.director, a.id, { title: "x", fileName: "x.exe", bytes: pdf }, { dir })).toThrow(expect.objectContaining({ status: 415 }));
  const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
  big.set(pdf);
  expect(() => saveDocument(w.db, w.director, a.id, { title: "x", fileName: "big.pdf", bytes: big }, { dir })).toThrow(expect.objectContaining({ status: 413 }));
  expect(() => saveDocument(w.db, w.spokeDirector, a.id, { title: "x", fileName: "a.pdf", bytes: pdf }, { dir })).toThrow(expect.objectContaining({ status: 403 }));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the network links supporting to receiving facilities of active agreements only, with counts per hub", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input());
  expect(getNetwork(w.db).hubs).toHaveLength(0);
  changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", version: 1 });
  const net = getNetwork(w.db);
  expect(net.hubs).toEqual([expect.objectContaining({ id: w.hub.id, spokes: 2, agreements: 1 })]);
  expect(net.layout.edges).toHaveLength(2);
  expect(getNetwork(w.db, { province: w.otherProvince.code }).hubs).toHaveLength(0);
});

test("the dashboard lists the facility's agreements ending within 90 days", () => {
  const w = world();
  const a = createAgreement(w.db, w.director, w.input({ endOn: "2026-06-13" }));
  changeAgreementStatus(w.db, w.director, a.id, { toStatus: "active", version: 1 });
  expect(getDirectorDashboard(w.db, w.director, TODAY, "vi").expiring.map((e) => e.daysLeft)).toEqual([90]);
  expect(getDirectorDashboard(w.db, w.director, "2026-03-14", "vi").expiring).toHaveLength(0);
  expect(getDirectorDashboard(w.db, w.strangerDirector, TODAY, "vi").expiring).toHaveLength(0);
});
