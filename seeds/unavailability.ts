// Demo unavailability: Lào Cai số 2's trainer records two periods away in the coming year, so
// the plans and the solver show leave being respected. The people are named by what they
// perform (the demo's names come from a seeded draw): the one who performs labour epidural
// (13.19) takes a month of annual leave eight months after today's month, the neurosurgeon
// (10.8, 10.10, 10.12) a fortnight of study ten months after it. Both lie clear of every demo
// rotation and course; the step refuses to write over one, so the demo never starts with a
// warning to re-plan.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { staff, staffTechniques, techniques, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addDaysIso, addMonthsIso } from "~/models/dates";
import type { UnavailabilityKind } from "~/models/enums";
import { listCommitments } from "~/models/schedule/commitments.server";
import { createUnavailability } from "~/models/staff/unavailability.server";
import { DEMO_TECHNIQUES, type DemoTechniqueKey } from "./demo-techniques";
import { FACILITY_CODES as C } from "./network";

type Period = { performs: DemoTechniqueKey; kind: UnavailabilityKind; startMonth: number; startDay: number; days: number; note: string };

const PERIODS: Period[] = [
  { performs: "labourEpidural", kind: "leave", startMonth: 8, startDay: 1, days: 31, note: "Nghỉ phép năm" },
  { performs: "subduralHaematoma", kind: "study", startMonth: 10, startDay: 5, days: 14, note: "Tập huấn phẫu thuật thần kinh tại Bệnh viện Việt Đức" },
];

export function seedUnavailability(db: Db, facilityIds: ReadonlyMap<string, number>, today: string): string {
  const laoCai2 = facilityIds.get(C.laoCai2);
  if (laoCai2 === undefined) throw new Error("unavailability seed: Lào Cai số 2 not seeded");
  const user = db.select().from(users).where(eq(users.username, "daotao.laocai2")).get();
  if (!user) throw new Error("unavailability seed: account daotao.laocai2 missing (run the accounts step first)");
  const trainer: Actor = { userId: user.id, role: user.role, facilityId: user.facilityId, provinceCode: user.provinceCode };
  const month = `${today.slice(0, 7)}-01`;
  for (const p of PERIODS) {
    const person = db
      .select({ id: staff.id })
      .from(staff)
      .innerJoin(staffTechniques, eq(staffTechniques.staffId, staff.id))
      .innerJoin(techniques, eq(techniques.id, staffTechniques.techniqueId))
      .where(and(eq(staff.facilityId, laoCai2), eq(techniques.code, DEMO_TECHNIQUES[p.performs].code)))
      .orderBy(asc(staff.id))
      .get();
    if (!person) throw new Error(`unavailability seed: nobody performs ${p.performs} at Lào Cai số 2`);
    const startOn = addDaysIso(addMonthsIso(month, p.startMonth), p.startDay - 1);
    const endOn = addDaysIso(startOn, p.days - 1);
    const busy = listCommitments(db, person.id, { start: startOn, end: endOn });
    if (busy.length > 0) throw new Error(`unavailability seed: ${p.performs} performer is busy ${startOn} – ${endOn} (${busy[0].kind} ${busy[0].id})`);
    createUnavailability(db, trainer, person.id, { kind: p.kind, startOn, endOn, note: p.note });
  }
  return `${PERIODS.length} periods of unavailability`;
}
