// Per-role policies set by administrators. Without a stored row, the second factor follows
// the role table's default (required for administrators and department officers).
import type { Db } from "~/db/client.server";
import { rolePolicies } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { defaultRequiresTotp, hasCapability } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { ROLES, type Role } from "~/models/enums";
import { ForbiddenError } from "~/models/errors";
import { eq } from "drizzle-orm";

export type RolePolicy = { role: Role; requireTotp: boolean };

export function listRolePolicies(db: Db): RolePolicy[] {
  const stored = new Map(db.select().from(rolePolicies).all().map((row) => [row.role, row.requireTotp]));
  return ROLES.map((role) => ({ role, requireTotp: stored.get(role) ?? defaultRequiresTotp(role) }));
}

export function roleRequiresTotp(db: Db, role: Role): boolean {
  const row = db.select().from(rolePolicies).where(eq(rolePolicies.role, role)).get();
  return row?.requireTotp ?? defaultRequiresTotp(role);
}

/** Demo accounts never need a second factor: a newcomer with only the README must get in. */
export function userNeedsTotp(db: Db, user: { role: Role; isDemo: boolean }): boolean {
  return !user.isDemo && roleRequiresTotp(db, user.role);
}

export function setRolePolicy(db: Db, actor: Actor, role: Role, requireTotp: boolean): void {
  if (!hasCapability(actor, "users.manage")) throw new ForbiddenError();
  db.transaction((tx) => {
    const before = tx.select().from(rolePolicies).where(eq(rolePolicies.role, role)).get();
    const previous = before?.requireTotp ?? defaultRequiresTotp(role);
    if (previous === requireTotp && before) return;
    tx.insert(rolePolicies)
      .values({ role, requireTotp })
      .onConflictDoUpdate({ target: rolePolicies.role, set: { requireTotp } })
      .run();
    recordAudit(tx, {
      userId: actor.userId,
      action: before ? "update" : "create",
      entityType: "role_policy",
      entityId: role,
      before: before ? { role, requireTotp: previous } : null,
      after: { role, requireTotp },
    });
  });
}
