import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { listLedgerEntries } from "~/models/adoption/entries.server";
import { listFacilityTechniques } from "~/models/adoption/facility-techniques.server";
import { listListRequests } from "~/models/adoption/list-requests.server";
import { createAgreement } from "~/models/agreements/commands.server";
import { listAgreements } from "~/models/agreements/queries.server";
import { listStaff, type StaffFilters } from "~/models/staff/queries.server";
import { pageFromUrl } from "~/utils/pagination";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeLedgerEvent, makeProvince, makeStaff, makeTechnique, makeUser } from "../helpers/factories";

const TODAY = "2026-03-15";
const noStaffFilters: StaffFilters = { q: "", cadre: null, chapter: null, facilityId: null, techniqueCode: null };

test("a page past the end of the agreements and staff lists shows the last page's rows", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const hub = makeFacility(db, { level: "B", provinceCode: province.code });
  const spoke = makeFacility(db, { level: "C", provinceCode: province.code });
  makeChapter(db, 10);
  const user = makeUser(db, { role: "admin" });
  const admin: Actor = { userId: user.id, role: "admin", facilityId: null, provinceCode: null };
  for (const n of [1, 2, 3, 4, 5]) {
    createAgreement(db, admin, {
      number: `0${n}/2026/HĐ`,
      title: `Thỏa thuận hợp tác ${n}`,
      type: "technique_transfer",
      signedOn: "2026-01-10",
      startOn: `2026-01-1${n}`,
      endOn: "2027-01-14",
      minRotationMonths: 3,
      chapters: [10],
      ownerFacilityCode: hub.code,
      parties: [
        { facilityCode: hub.code, role: "supporting" },
        { facilityCode: spoke.code, role: "receiving" },
      ],
    });
  }
  for (const name of ["Lê Thị An", "Lê Văn Bình", "Nguyễn Thị Chi", "Phạm Văn Dũng", "Trần Thị Hà"]) {
    makeStaff(db, { facilityId: hub.id, fullName: name });
  }
  const pastEnd = pageFromUrl(new URL("http://x/list?page=9&size=2"));
  const last = pageFromUrl(new URL("http://x/list?page=3&size=2"));

  const agreementsPage = listAgreements(db, admin, {}, pastEnd, TODAY);
  expect(agreementsPage).toMatchObject({ total: 5, page: 3, pageSize: 2, pageCount: 3 });
  expect(agreementsPage.rows.map((r) => r.number)).toEqual(["01/2026/HĐ"]);
  expect(agreementsPage).toEqual(listAgreements(db, admin, {}, last, TODAY));

  const staffPage = listStaff(db, admin, noStaffFilters, pastEnd);
  expect(staffPage).toMatchObject({ total: 5, page: 3, pageSize: 2, pageCount: 3 });
  expect(staffPage.rows.map((r) => r.fullName)).toEqual(["Trần Thị Hà"]);
  expect(staffPage).toEqual(listStaff(db, admin, noStaffFilters, last));
});

test("a page past the end of a facility's techniques, its ledger and the list requests shows the last page", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const facility = makeFacility(db, { level: "B", provinceCode: province.code });
  const user = makeUser(db, { role: "admin" });
  const admin: Actor = { userId: user.id, role: "admin", facilityId: null, provinceCode: null };
  for (let n = 1; n <= 5; n++) {
    const technique = makeTechnique(db, { chapterNumber: 10, number: n, minLevel: "A" });
    makeLedgerEvent(db, { facilityId: facility.id, techniqueId: technique.id, kind: "started", eventOn: `2024-01-0${n}` });
  }
  const pastEnd = pageFromUrl(new URL("http://x/list?page=9&size=2"));
  const last = pageFromUrl(new URL("http://x/list?page=3&size=2"));

  const techniquesPage = listFacilityTechniques(db, facility.id, { page: pastEnd });
  expect(techniquesPage).toMatchObject({ total: 5, page: 3, pageCount: 3 });
  expect(techniquesPage.rows.map((r) => r.code)).toEqual(["10.5"]);
  expect(techniquesPage).toEqual(listFacilityTechniques(db, facility.id, { page: last }));

  const ledgerPage = listLedgerEntries(db, admin, facility.id, pastEnd);
  expect(ledgerPage).toMatchObject({ total: 5, page: 3, pageCount: 3 });
  expect(ledgerPage.rows).toHaveLength(1);

  expect(listListRequests(db, admin, { page: pastEnd }, "vi")).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
});
