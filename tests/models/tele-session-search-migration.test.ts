// Migration 0023 adds the folded title of tele sessions: the sessions recorded before it are
// folded by the migration itself, so the log finds them without accents too.
import { expect, test } from "vitest";
import { openDb } from "~/db/client.server";
import { listSessions } from "~/models/tele/sessions.server";
import { databaseBefore } from "../helpers/old-db";

const ADMIN = { userId: 0, role: "admin" as const, facilityId: null, provinceCode: null };

test("sessions recorded before the folded column are folded by its migration and found without accents", () => {
  const old = databaseBefore("_tele_session_search");
  const sqlite = old.sqlite;
  sqlite.exec(`insert into provinces (code, name, name_en, full_name, full_name_en, unit_type) values ('99', 'Thử', 'Test', 'Tỉnh Thử', 'Test Province', 'Province');
    insert into facilities (code, name, short_name, search_text, kind, level, grade, beds, province_code) values
      ('H', 'BV Trung tâm', 'BV TT', 'bv trung tam', 'provincial_hospital', 'B', 'I', 500, '99'),
      ('S', 'TTYT Xã', 'TTYT', 'ttyt xa', 'district_hospital', 'C', 'III', 50, '99');
    insert into tele_sessions (kind, hub_facility_id, spoke_facility_id, held_on, start_time, duration_minutes, title, outcome) values
      ('consultation', 1, 2, '2026-01-06', '14:00', 30, 'Chấn thương ĐẦU kín', 'advice_only'),
      ('consultation', 1, 2, '2026-01-13', '14:00', 30, 'Sốt xuất huyết', 'treated_locally');`);
  sqlite.close();

  const db = openDb(old.file);
  const found = (q: string) => listSessions(db, ADMIN, { q }, { page: 1, pageSize: 20, offset: 0 }, "vi").rows.map((r) => r.title);
  expect(found("chan thuong dau")).toEqual(["Chấn thương ĐẦU kín"]);
  expect(found("XUAT huyet")).toEqual(["Sốt xuất huyết"]);
  db.$client.close();
  old.remove();
});
