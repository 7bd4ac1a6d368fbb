// Factories for tests: each inserts one valid row with sensible defaults and returns it.
// Override any field; unique fields get a running counter.
import type { Db } from "~/db/client.server";
import {
  adoptionEvents,
  chapters,
  facilities,
  provinces,
  staff,
  staffTechniques,
  techniques,
  users,
} from "~/db/schema";
import { refreshAdoptionPairs } from "~/models/adoption/pair-summary.server";
import type { Level, Role } from "~/models/enums";
import { foldSearch } from "~/utils/search";

let counter = 0;
const next = () => ++counter;

export function makeProvince(db: Db, overrides: Partial<typeof provinces.$inferInsert> = {}) {
  const n = next();
  const code = overrides.code ?? String(90 + (n % 9)) + String(n);
  const row = {
    code,
    name: `Tỉnh ${n}`,
    nameEn: `Province ${n}`,
    fullName: `Tỉnh Thử ${n}`,
    fullNameEn: `Test Province ${n}`,
    unitType: "Province",
    ...overrides,
  };
  return db.insert(provinces).values(row).onConflictDoNothing().returning().get() ?? row;
}

export function makeChapter(db: Db, number = 10, name = "NGOẠI KHOA") {
  db.insert(chapters).values({ number, roman: "X", name }).onConflictDoNothing().run();
  return { number, name };
}

export function makeFacility(db: Db, overrides: Partial<typeof facilities.$inferInsert> = {}) {
  const n = next();
  const provinceCode = overrides.provinceCode === undefined ? makeProvince(db).code : overrides.provinceCode;
  const name = overrides.name ?? `Bệnh viện Thử nghiệm ${n}`;
  return db
    .insert(facilities)
    .values({
      code: `F${n}`,
      name,
      shortName: `BV ${n}`,
      searchText: foldSearch(`F${n} ${name}`),
      kind: "provincial_hospital",
      level: "B" as Level,
      grade: "I",
      beds: 500,
      ...overrides,
      provinceCode,
    })
    .returning()
    .get();
}

export function makeTechnique(
  db: Db,
  overrides: Partial<typeof techniques.$inferInsert> = {},
) {
  const n = next();
  const chapterNumber = overrides.chapterNumber ?? 10;
  makeChapter(db, chapterNumber);
  const name = overrides.name ?? `Kỹ thuật thử ${n}`;
  const number = overrides.number ?? 10_000 + n;
  return db
    .insert(techniques)
    .values({
      code: `${chapterNumber}.${number}`,
      chapterNumber,
      number,
      name,
      searchText: foldSearch(`${chapterNumber}.${number} ${name}`),
      minLevel: "B",
      procedureClass: "P1",
      ...overrides,
    })
    .returning()
    .get();
}

export function makeStaff(
  db: Db,
  overrides: Partial<typeof staff.$inferInsert> & { facilityId: number },
  techniqueIds: number[] = [],
) {
  const n = next();
  const fullName = overrides.fullName ?? `Nguyễn Văn Thử ${n}`;
  const row = db
    .insert(staff)
    .values({ fullName, searchText: foldSearch(fullName), cadre: "doctor", licenceNumber: `CCHN-${n}`, ...overrides })
    .returning()
    .get();
  for (const techniqueId of techniqueIds) {
    db.insert(staffTechniques).values({ staffId: row.id, techniqueId }).run();
  }
  return row;
}

/** A user row with an unusable password hash; sign-in tests create users through the auth model. */
export function makeUser(
  db: Db,
  overrides: Partial<typeof users.$inferInsert> & { role: Role },
) {
  const n = next();
  return db
    .insert(users)
    .values({ username: `user${n}`, displayName: `User ${n}`, passwordHash: "!", ...overrides })
    .returning()
    .get();
}

/**
 * One ledger row written straight to adoption_events (no order checks, no audit), with the
 * pair's summary row refreshed as the ledger's own writers do: the queries read the summary.
 */
export function makeLedgerEvent(db: Db, values: typeof adoptionEvents.$inferInsert) {
  db.transaction((tx) => {
    tx.insert(adoptionEvents).values(values).run();
    refreshAdoptionPairs(tx, values.facilityId, [values.techniqueId]);
  });
}
