// Actors backed by users rows, for model tests that call commands directly.
import type { Actor } from "~/models/access/policy";
import type { Db } from "~/db/client.server";
import type { Role } from "~/models/enums";
import { createTestDb } from "./db";
import { makeProvince, makeUser } from "./factories";

/** An actor of `role` at `facilityId` in `provinceCode`, backed by a users row. */
export function userActor(db: Db, role: Role, facilityId: number | null, provinceCode: string | null): Actor {
  return { userId: makeUser(db, { role, facilityId }).id, role, facilityId, provinceCode };
}

/** The department (provincial health department) of `provinceCode`, backed by a users row. */
export function departmentActor(db: Db, provinceCode: string): Actor {
  const user = makeUser(db, { role: "department", provinceCode });
  return { userId: user.id, role: "department", facilityId: null, provinceCode };
}

/** A fresh database with one province `p` and its `department`. */
export function departmentWorld() {
  const db = createTestDb();
  const p = makeProvince(db);
  return { db, p, department: departmentActor(db, p.code) };
}
