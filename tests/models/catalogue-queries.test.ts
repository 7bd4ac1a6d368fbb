import { expect, test } from "vitest";
import { techniqueBillingCodes } from "~/db/schema";
import {
  getTechniqueByCode,
  listChapters,
  listTechniques,
  parseTechniqueFilters,
} from "~/models/catalogue/queries.server";
import { listTechniquePerformers } from "~/models/adoption/facility-techniques.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeLedgerEvent, makeTechnique } from "../helpers/factories";

const page = (n = 1, size = 25) => ({ page: n, pageSize: size, offset: (n - 1) * size });
const filters = (query: string) => parseTechniqueFilters(new URL(`http://x/techniques?${query}`));

test("a search without diacritics finds the technique with them, every word must match", () => {
  const db = createTestDb();
  makeTechnique(db, { name: "Phẫu thuật thay toàn bộ khớp háng", number: 929 });
  makeTechnique(db, { name: "Phẫu thuật thay khớp háng bán phần", number: 930 });
  makeTechnique(db, { name: "Nội soi khớp gối", number: 931 });

  const result = listTechniques(db, filters("q=thay+khop+hang"), page());

  expect(result.rows.map((r) => r.name)).toEqual([
    "Phẫu thuật thay toàn bộ khớp háng",
    "Phẫu thuật thay khớp háng bán phần",
  ]);
  expect(result.total).toBe(2);
});

test("a term matches the start of a word, after a space or punctuation, not inside a word", () => {
  const db = createTestDb();
  makeTechnique(db, { name: "Phẫu thuật thay lại dây chằng chéo trước khớp gối", number: 1 });
  makeTechnique(db, { name: "Nội soi khớp gối chẩn đoán (có sinh thiết)", number: 2 });
  makeTechnique(db, { name: "Chụp cắt lớp vi tính dạ dày-tá tràng", number: 3 });

  const names = (q: string) => listTechniques(db, filters(`q=${encodeURIComponent(q)}`), page()).rows.map((r) => r.name);
  expect(names("thay khop hang")).toEqual([]);
  expect(names("sinh thiet")).toEqual(["Nội soi khớp gối chẩn đoán (có sinh thiết)"]);
  expect(names("ta trang")).toEqual(["Chụp cắt lớp vi tính dạ dày-tá tràng"]);
  expect(names("kho go")).toHaveLength(2);
  expect(names("[a-z]*")).toEqual([]);
});

test("đ is found by d and by đ, with or without capitals", () => {
  const db = createTestDb();
  makeTechnique(db, { name: "Đặt catheter động mạch" });
  makeTechnique(db, { name: "Chọc hút dịch màng phổi" });

  expect(listTechniques(db, filters("q=dat+catheter+dong"), page()).rows.map((r) => r.name)).toEqual([
    "Đặt catheter động mạch",
  ]);
  expect(listTechniques(db, filters("q=ĐỘNG+MẠCH"), page()).total).toBe(1);
});

test("a code prefix or a full code finds techniques by code", () => {
  const db = createTestDb();
  makeTechnique(db, { chapterNumber: 10, number: 367, name: "Phẫu thuật A" });
  makeTechnique(db, { chapterNumber: 10, number: 31, name: "Phẫu thuật B" });
  makeTechnique(db, { chapterNumber: 10, number: 929, name: "Phẫu thuật C" });
  makeTechnique(db, { chapterNumber: 1, number: 103, name: "Hồi sức D" });

  expect(listTechniques(db, filters("q=10.3"), page()).rows.map((r) => r.code)).toEqual(["10.31", "10.367"]);
  expect(listTechniques(db, filters("q=10.367"), page()).rows.map((r) => r.code)).toEqual(["10.367"]);
});

test("a billing-code prefix finds its technique", () => {
  const db = createTestDb();
  const hip = makeTechnique(db, { chapterNumber: 10, number: 929, name: "Phẫu thuật thay toàn bộ khớp háng" });
  makeTechnique(db, { chapterNumber: 10, number: 930 });
  db.insert(techniqueBillingCodes)
    .values({ techniqueId: hip.id, code: "10.0929.0547", techniqueName: hip.name })
    .run();

  expect(listTechniques(db, filters("q=10.0929"), page()).rows.map((r) => r.id)).toEqual([hip.id]);
});

test("filters by chapter, level, missing level and procedure class combine", () => {
  const db = createTestDb();
  makeChapter(db, 2, "NỘI KHOA");
  makeTechnique(db, { chapterNumber: 2, minLevel: "A", procedureClass: "T1", name: "Nội A T1" });
  makeTechnique(db, { chapterNumber: 2, minLevel: null, procedureClass: "T1", name: "Nội không tuyến" });
  makeTechnique(db, { chapterNumber: 10, minLevel: "A", procedureClass: "PDB", name: "Ngoại A PĐB" });
  makeTechnique(db, { chapterNumber: 10, minLevel: "C", procedureClass: "P2", name: "Ngoại C P2" });

  const names = (query: string) => listTechniques(db, filters(query), page()).rows.map((r) => r.name);
  expect(names("chapter=2")).toEqual(["Nội A T1", "Nội không tuyến"]);
  expect(names("level=A")).toEqual(["Nội A T1", "Ngoại A PĐB"]);
  expect(names("level=none")).toEqual(["Nội không tuyến"]);
  expect(names("cls=PDB")).toEqual(["Ngoại A PĐB"]);
  expect(names("chapter=10&level=A")).toEqual(["Ngoại A PĐB"]);
  // A value that is not in the lists is ignored, so an old link still opens.
  expect(names("level=Z&cls=XX&chapter=abc")).toHaveLength(4);
});

test("pages hold 25 rows in code order and the total counts every match", () => {
  const db = createTestDb();
  for (let n = 1; n <= 60; n++) makeTechnique(db, { chapterNumber: 10, number: n, name: `Kỹ thuật ${n}` });

  const second = listTechniques(db, filters(""), page(2));
  const third = listTechniques(db, filters(""), page(3));

  expect(second.total).toBe(60);
  expect(second.pageCount).toBe(3);
  expect(second.rows.map((r) => r.code)[0]).toBe("10.26");
  expect(third.rows).toHaveLength(10);
  expect(third.rows.at(-1)?.code).toBe("10.60");
});

test("each row counts its billing codes and the detail lists them all", () => {
  const db = createTestDb();
  const technique = makeTechnique(db, { chapterNumber: 18, number: 100, name: "Chụp X-quang" });
  makeTechnique(db, { chapterNumber: 18, number: 101 });
  db.insert(techniqueBillingCodes)
    .values([
      { techniqueId: technique.id, code: "18.0100.0001", techniqueName: "Chụp X-quang", priceVnd: 65_000 },
      { techniqueId: technique.id, code: "18.0100.0002", techniqueName: "Chụp X-quang số hóa", priceVnd: 97_200 },
    ])
    .run();

  const rows = listTechniques(db, filters("chapter=18"), page()).rows;
  expect(rows.map((r) => r.billingCodeCount)).toEqual([2, 0]);

  const detail = getTechniqueByCode(db, "18.100");
  expect(detail?.billingCodes.map((b) => [b.code, b.techniqueName, b.priceVnd])).toEqual([
    ["18.0100.0001", "Chụp X-quang", 65_000],
    ["18.0100.0002", "Chụp X-quang số hóa", 97_200],
  ]);
  expect(getTechniqueByCode(db, "18.999")).toBeNull();
});

test("chapters come in number order", () => {
  const db = createTestDb();
  makeChapter(db, 10, "NGOẠI KHOA");
  makeChapter(db, 2, "NỘI KHOA");
  expect(listChapters(db).map((c) => c.number)).toEqual([2, 10]);
});

test("performers are facilities that started the technique and are not suspended now", () => {
  const db = createTestDb();
  const technique = makeTechnique(db);
  const started = makeFacility(db, { name: "BV Bắt đầu", level: "B" });
  const suspended = makeFacility(db, { name: "BV Tạm dừng", level: "B" });
  const resumed = makeFacility(db, { name: "BV Triển khai lại", level: "C" });
  const suspendedAgain = makeFacility(db, { name: "BV Dừng lần hai", level: "C" });
  const approvedOnly = makeFacility(db, { name: "BV Chỉ phê duyệt", level: "C" });
  const ev = (facilityId: number, kind: "started" | "approved" | "suspended" | "resumed", eventOn: string) =>
    makeLedgerEvent(db, { facilityId, techniqueId: technique.id, kind, eventOn });
  ev(started.id, "started", "2021-03-01");
  ev(suspended.id, "started", "2020-01-01");
  ev(suspended.id, "suspended", "2022-01-01");
  ev(resumed.id, "started", "2020-01-01");
  ev(resumed.id, "suspended", "2021-01-01");
  ev(resumed.id, "resumed", "2021-06-30");
  ev(suspendedAgain.id, "started", "2020-01-01");
  ev(suspendedAgain.id, "resumed", "2021-01-01");
  ev(suspendedAgain.id, "suspended", "2023-12-31");
  ev(approvedOnly.id, "approved", "2022-01-01");

  const performers = listTechniquePerformers(db, technique.id, page(), "vi");

  expect(performers.rows.map((r) => [r.name, r.startedOn])).toEqual([
    ["BV Bắt đầu", "2021-03-01"],
    ["BV Triển khai lại", "2020-01-01"],
  ]);
  expect(performers.total).toBe(2);
  expect(performers.byLevel).toEqual({ A: 0, B: 1, C: 1, D: 0 });
});
