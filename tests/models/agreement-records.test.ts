import { and, eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { agreementDocuments, agreementMeetings, auditEvents } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { createAgreement } from "~/models/agreements/commands.server";
import { deleteDocument, getDocumentForDeletion, saveDocument } from "~/models/agreements/documents.server";
import { addMeeting, getMeetingForEdit, updateMeeting } from "~/models/agreements/meetings.server";
import type { MeetingEditForm } from "~/models/agreements/schemas";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeUser } from "../helpers/factories";

const AT = "2026-03-15T03:00:00.000Z";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function world() {
  const db = createTestDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agreement-records-"));
  dirs.push(dir);
  const province = makeProvince(db);
  const hub = makeFacility(db, { level: "B", provinceCode: province.code });
  const spoke = makeFacility(db, { level: "C", provinceCode: province.code });
  const elsewhere = makeFacility(db, { level: "B" });
  const as = (role: Actor["role"], facilityId: number | null): Actor => ({ userId: makeUser(db, { role, facilityId }).id, role, facilityId, provinceCode: province.code });
  const director = as("director", hub.id);
  const spokeDirector = as("director", spoke.id);
  const outsider = as("director", elsewhere.id);
  const agree = (number: string) =>
    createAgreement(db, director, {
      number,
      title: "Hỗ trợ chuyên môn",
      type: "professional_support",
      startOn: "2026-01-01",
      minRotationMonths: 3,
      chapters: [],
      parties: [
        { facilityCode: hub.code, role: "supporting" },
        { facilityCode: spoke.code, role: "receiving" },
      ],
    });
  const agreement = agree("09/HĐ");
  const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7 ${text}`);
  const upload = (agreementId: number, title: string, bytes: Uint8Array) => saveDocument(db, director, agreementId, { title, fileName: "van-ban.pdf", bytes }, { dir });
  const meeting = () =>
    addMeeting(db, director, agreement.id, { title: "Hội nghị giao ban 2025", heldOn: "2025-11-20", hostFacilityId: spoke.id, participants: "Hai bệnh viện", minutesNumber: "03/BB", minutesSignedOn: "2025-11-21" });
  const form = (id: number, overrides: Partial<MeetingEditForm> = {}): MeetingEditForm => {
    const row = db.select().from(agreementMeetings).where(eq(agreementMeetings.id, id)).get()!;
    return {
      title: row.title,
      heldOn: row.heldOn,
      hostFacilityId: row.hostFacilityId ?? undefined,
      participants: row.participants ?? undefined,
      decisions: row.decisions ?? undefined,
      minutesNumber: row.minutesNumber ?? undefined,
      minutesSignedOn: row.minutesSignedOn ?? undefined,
      version: row.version,
      ...overrides,
    };
  };
  const audit = (entityType: string, id: number) =>
    db.select().from(auditEvents).where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(id)))).all();
  return { db, dir, hub, spoke, elsewhere, director, spokeDirector, outsider, agree, agreement, pdf, upload, meeting, form, audit };
}

test("deleting a document removes its row with an audit event, then its file from storage", () => {
  const w = world();
  const doc = w.upload(w.agreement.id, "Bản ký nhầm", w.pdf("nhầm"));
  const file = path.join(w.dir, doc.storagePath);
  expect(fs.existsSync(file)).toBe(true);
  expect(getDocumentForDeletion(w.db, w.director, w.agreement.id, doc.id).document).toEqual(expect.objectContaining({ title: "Bản ký nhầm", fileName: "van-ban.pdf", meeting: null }));
  deleteDocument(w.db, w.director, w.agreement.id, doc.id, { dir: w.dir, at: AT });
  expect(w.db.select().from(agreementDocuments).where(eq(agreementDocuments.id, doc.id)).get()).toBeUndefined();
  expect(fs.existsSync(file)).toBe(false);
  const events = w.audit("agreement_document", doc.id);
  expect(events.map((e) => e.action)).toEqual(["create", "delete"]);
  expect(JSON.parse(events[1].before!)).toEqual(expect.objectContaining({ title: "Bản ký nhầm", sha256: doc.sha256 }));
  expect(events[1].at).toBe(AT);
});

test("a file shared by identical documents stays until the last of them is deleted", () => {
  const w = world();
  const other = w.agree("10/HĐ");
  const bytes = w.pdf("cùng nội dung");
  const first = w.upload(w.agreement.id, "Bản 1", bytes);
  const second = w.upload(other.id, "Bản 2", bytes);
  expect(second.storagePath).toBe(first.storagePath);
  const file = path.join(w.dir, first.storagePath);
  deleteDocument(w.db, w.director, w.agreement.id, first.id, { dir: w.dir });
  expect(fs.existsSync(file)).toBe(true);
  deleteDocument(w.db, w.director, other.id, second.id, { dir: w.dir });
  expect(fs.existsSync(file)).toBe(false);
});

test("a document whose file is already gone is still deleted", () => {
  const w = world();
  const doc = w.upload(w.agreement.id, "Bản ký", w.pdf("mất tệp"));
  fs.rmSync(path.join(w.dir, doc.storagePath));
  deleteDocument(w.db, w.director, w.agreement.id, doc.id, { dir: w.dir });
  expect(w.db.select().from(agreementDocuments).all()).toEqual([]);
});

test("only the agreement's managers delete a document; other agreements' ids are 404; a refusal keeps the row and the file", () => {
  const w = world();
  const doc = w.upload(w.agreement.id, "Bản ký", w.pdf("giữ"));
  const other = w.agree("11/HĐ");
  expect(() => deleteDocument(w.db, w.outsider, w.agreement.id, doc.id, { dir: w.dir })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => deleteDocument(w.db, w.spokeDirector, w.agreement.id, doc.id, { dir: w.dir })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => getDocumentForDeletion(w.db, w.spokeDirector, w.agreement.id, doc.id)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => deleteDocument(w.db, w.director, other.id, doc.id, { dir: w.dir })).toThrow(expect.objectContaining({ status: 404 }));
  expect(w.db.select().from(agreementDocuments).where(eq(agreementDocuments.id, doc.id)).get()).toBeDefined();
  expect(fs.existsSync(path.join(w.dir, doc.storagePath))).toBe(true);
  expect(w.audit("agreement_document", doc.id).map((e) => e.action)).toEqual(["create"]);
});

test("a meeting record is corrected field by field; clearing the host and minutes leaves them empty; the audit keeps before and after", () => {
  const w = world();
  const m = w.meeting();
  const row = updateMeeting(
    w.db,
    w.director,
    w.agreement.id,
    m.id,
    w.form(m.id, { title: "Hội nghị giao ban thường niên 2025", heldOn: "2025-11-19", hostFacilityId: w.hub.id, participants: "Ba đơn vị", decisions: "Chuyển giao 5 kỹ thuật", minutesNumber: "04/BB", minutesSignedOn: "2025-11-19" }),
    { at: AT },
  );
  expect(row).toEqual(
    expect.objectContaining({ title: "Hội nghị giao ban thường niên 2025", heldOn: "2025-11-19", hostFacilityId: w.hub.id, decisions: "Chuyển giao 5 kỹ thuật", minutesNumber: "04/BB", version: 2 }),
  );
  const cleared = updateMeeting(w.db, w.director, w.agreement.id, m.id, w.form(m.id, { hostFacilityId: undefined, minutesNumber: undefined, minutesSignedOn: undefined }));
  expect(cleared).toEqual(expect.objectContaining({ hostFacilityId: null, minutesNumber: null, minutesSignedOn: null, version: 3 }));
  const events = w.audit("agreement_meeting", m.id);
  expect(events.map((e) => e.action)).toEqual(["create", "update", "update"]);
  expect(JSON.parse(events[1].before!)).toEqual(expect.objectContaining({ minutesNumber: "03/BB" }));
  expect(JSON.parse(events[1].after!)).toEqual(expect.objectContaining({ minutesNumber: "04/BB" }));
});

test("a corrected meeting keeps the rules of adding one: minutes on or after the meeting, a party as host", () => {
  const w = world();
  const m = w.meeting();
  expect(() => updateMeeting(w.db, w.director, w.agreement.id, m.id, w.form(m.id, { minutesSignedOn: "2025-11-19" }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.minutesBeforeMeeting", field: "minutesSignedOn", status: 400 }),
  );
  expect(() => updateMeeting(w.db, w.director, w.agreement.id, m.id, w.form(m.id, { hostFacilityId: w.elsewhere.id }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.hostNotParty", field: "hostFacilityId", status: 400 }),
  );
  expect(w.db.select().from(agreementMeetings).where(eq(agreementMeetings.id, m.id)).get()).toEqual(expect.objectContaining({ version: 1, hostFacilityId: w.spoke.id }));
});

test("a stale meeting form is refused with 409 naming what changed, and overwrites nothing", () => {
  const w = world();
  const m = w.meeting();
  updateMeeting(w.db, w.director, w.agreement.id, m.id, w.form(m.id, { decisions: "Quyết định A" }));
  expect(() => updateMeeting(w.db, w.director, w.agreement.id, m.id, { ...w.form(m.id, { minutesNumber: "05/BB" }), decisions: undefined, version: 1 })).toThrow(
    expect.objectContaining({ status: 409, message: "common:stale.message", changedFields: ["decisions", "minutesNumber"] }),
  );
  expect(w.db.select().from(agreementMeetings).where(eq(agreementMeetings.id, m.id)).get()).toEqual(expect.objectContaining({ decisions: "Quyết định A", minutesNumber: "03/BB", version: 2 }));
});

test("only the agreement's managers correct a meeting; another agreement's meeting id is 404", () => {
  const w = world();
  const m = w.meeting();
  const other = w.agree("12/HĐ");
  expect(() => updateMeeting(w.db, w.outsider, w.agreement.id, m.id, w.form(m.id, { title: "Sửa trộm" }))).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => updateMeeting(w.db, w.spokeDirector, w.agreement.id, m.id, w.form(m.id, { title: "Sửa trộm" }))).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => getMeetingForEdit(w.db, w.outsider, w.agreement.id, m.id)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => updateMeeting(w.db, w.director, other.id, m.id, w.form(m.id))).toThrow(expect.objectContaining({ status: 404 }));
  expect(getMeetingForEdit(w.db, w.director, w.agreement.id, m.id).parties.map((p) => p.facilityId).sort()).toEqual([w.hub.id, w.spoke.id].sort());
  expect(w.db.select().from(agreementMeetings).where(eq(agreementMeetings.id, m.id)).get()!.title).toBe("Hội nghị giao ban 2025");
});
