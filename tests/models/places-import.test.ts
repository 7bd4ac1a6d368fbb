import fs from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { importCommunes, importProvinces } from "~/models/places/import.server";
import { createTestDb } from "../helpers/db";

const file = (name: string) => ({ fileName: name, bytes: fs.readFileSync(`seeds/data/${name}`) });

test("the 2025 map loads 34 provinces and 3,321 communes, and loading it again changes nothing", async () => {
  const db = createTestDb();
  const p = await importProvinces(db, file("provinces_34_2025.csv"), null);
  const c = await importCommunes(db, file("wards_3321_2025.csv"), null);
  expect(p).toMatchObject({ rowsRead: 34, counts: { created: 34, updated: 0, unchanged: 0 }, issues: [] });
  expect(c).toMatchObject({ rowsRead: 3321, counts: { created: 3321, updated: 0, unchanged: 0 }, issues: [] });
  expect(db.get(sql`select name, name_en from provinces where code = '15'`)).toEqual({ name: "Lào Cai", name_en: "Lao Cai" });
  expect(db.get(sql`select count(*) as n from communes where province_code = '15'`)).toMatchObject({ n: expect.any(Number) });

  const again = await importCommunes(db, file("wards_3321_2025.csv"), null);
  expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3321 });
  expect(db.get(sql`select count(*) as n from communes`)).toEqual({ n: 3321 });
});

test("communes of an unknown province, duplicate codes and bad codes are reported by row", async () => {
  const db = createTestDb();
  await importProvinces(db, { fileName: "p.csv", bytes: Buffer.from("code,name\n15,Lào Cai\n") }, null);
  const text = "code,name,province_code\n02905,Bảo Thắng,15\n02905,Bảo Thắng,15\n99999,Nơi khác,77\n12,Ngắn,15\n";
  const report = await importCommunes(db, { fileName: "w.csv", bytes: Buffer.from(text) }, null);
  expect(report.counts.created).toBe(1);
  expect(report.issues).toEqual([
    { row: 3, code: "02905", key: "imports:places.duplicateCode", params: { firstRow: 2 } },
    { row: 4, code: "99999", key: "imports:places.unknownProvince", params: { value: "77" } },
    { row: 5, code: "12", key: "imports:places.badCode", params: { value: "12" } },
  ]);
  expect(db.get(sql`select name_en, full_name from communes where code = '02905'`)).toEqual({ name_en: "Bao Thang", full_name: "Bảo Thắng" });
});

test("a province file without a code column imports nothing", async () => {
  const db = createTestDb();
  await expect(
    importProvinces(db, { fileName: "p.csv", bytes: Buffer.from("title,id\nLào Cai,15\n") }, null),
  ).rejects.toMatchObject({ message: "imports:errors.unrecognisedHeaders" });
  expect(db.all(sql`select * from provinces`)).toEqual([]);
});
