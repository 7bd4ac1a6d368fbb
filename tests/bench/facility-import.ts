// Preview and confirmation times of a 5,000-row facility file through the import framework, on
// a fresh in-memory database with one province and 500 communes (not a test: run by hand).
//
//   npx tsx tests/bench/facility-import.ts [rows=5000]
import { openDb } from "~/db/client.server";
import { communes, provinces, users } from "~/db/schema";
import { facilitiesImport, previewFacilityImport } from "~/models/facilities/import.server";
import { applyImport } from "~/models/imports/batches.server";

const ROWS = Number(process.argv[2] ?? 5000);
const TODAY = "2026-03-31";
const db = openDb(":memory:");
db.insert(provinces).values({ code: "15", name: "Lào Cai", nameEn: "Lao Cai", fullName: "Tỉnh Lào Cai", fullNameEn: "Lao Cai Province", unitType: "Province" }).run();
const user = db.insert(users).values({ username: "syt", displayName: "SYT", passwordHash: "!", role: "department", provinceCode: "15" }).returning().get();
const department = { userId: user.id, role: "department" as const, facilityId: null, provinceCode: "15" };
const codes = Array.from({ length: 500 }, (_, i) => `6${String(i).padStart(3, "0")}`);
for (let i = 0; i < codes.length; i += 200) {
  db.insert(communes)
    .values(codes.slice(i, i + 200).map((code) => ({ code, name: `Xã ${code}`, nameEn: code, fullName: code, fullNameEn: code, provinceCode: "15", unitType: "Commune" })))
    .run();
}
const header = "Mã cơ sở,Tên cơ sở,Loại hình,Tuyến,Cấp chuyên môn kỹ thuật,Hạng,Giường bệnh,Mã tỉnh,Mã xã,Mã cơ sở chỉ đạo tuyến,Ngày bắt đầu hoạt động";
const lines = Array.from({ length: ROWS }, (_, i) =>
  i < 40
    ? `KV-${i},Trung tâm Y tế khu vực ${i},Trung tâm Y tế khu vực,C,cơ bản,III,150,15,${codes[i % 500]},,01/01/2000`
    : `TYT-${i},Trạm Y tế xã ${codes[i % 500]} số ${i},Trạm Y tế xã,D,ban đầu,,5,15,${codes[i % 500]},KV-${i % 40},2005-03-15`,
);
const file = { fileName: "co-so.csv", bytes: Buffer.from([header, ...lines].join("\n"), "utf8") };

(async () => {
  const t0 = performance.now();
  const id = await previewFacilityImport(db, department, file, null, TODAY);
  const t1 = performance.now();
  await applyImport(db, facilitiesImport, department, id, TODAY);
  const t2 = performance.now();
  console.log(`${ROWS} rows: preview ${Math.round(t1 - t0)} ms, confirm ${Math.round(t2 - t1)} ms, total ${Math.round(t2 - t0)} ms`);
})();
