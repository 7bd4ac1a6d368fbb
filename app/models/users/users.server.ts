// User administration (administrators only): list, create, change role and scope,
// deactivate, reset password, end sessions. Every change is audited without secrets.
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, provinces, sessions, users, type User } from "~/db/schema";
import { hasCapability, roleReach, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { hashPassword } from "~/models/auth/password.server";
import { endUserSessions } from "~/models/auth/session.server";
import { HOSPITAL_KINDS, type Locale, type Role } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export function assertCanManageUsers(actor: Actor): void {
  if (!hasCapability(actor, "users.manage")) throw new ForbiddenError();
}

/** What the audit trail keeps of a user: never the password hash or the TOTP secret. */
export function auditedUser(user: User) {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    facilityId: user.facilityId,
    provinceCode: user.provinceCode,
    active: user.active,
    totpEnabled: user.totpEnabled,
  };
}

export type UserListRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  isDemo: boolean;
  totpEnabled: boolean;
  facilityName: string | null;
  provinceName: string | null;
};

export function listUsers(
  db: Db,
  actor: Actor,
  filters: { q?: string | null; role?: Role | null },
  pageReq: PageRequest,
  locale: Locale,
): Page<UserListRow> {
  assertCanManageUsers(actor);
  const conditions: SQL[] = [];
  for (const term of searchTerms(filters.q)) {
    conditions.push(sql`fold_search(${users.username} || ' ' || ${users.displayName}) like ${`%${term}%`}`);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role));
  const where = conditions.length ? and(...conditions) : undefined;
  return paginate(
    pageReq,
    () => db.select({ n: count() }).from(users).where(where).get()?.n ?? 0,
    (at) =>
      db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          role: users.role,
          active: users.active,
          isDemo: users.isDemo,
          totpEnabled: users.totpEnabled,
          facilityName: facilityNameSql(locale),
          provinceName: provinces.name,
        })
        .from(users)
        .leftJoin(facilities, eq(facilities.id, users.facilityId))
        .leftJoin(provinces, eq(provinces.code, users.provinceCode))
        .where(where)
        .orderBy(desc(users.active), users.username)
        .limit(at.pageSize)
        .offset(at.offset)
        .all(),
  );
}

export type UserDetail = {
  user: ReturnType<typeof auditedUser> & { id: number; version: number; isDemo: boolean; facilityCode: string | null; facilityName: string | null };
  activeSessions: number;
};

export function getUserForAdmin(db: Db, actor: Actor, userId: number, locale: Locale, now = new Date()): UserDetail {
  assertCanManageUsers(actor);
  const row = db
    .select({ user: users, facilityCode: facilities.code, facilityName: facilityNameSql(locale) })
    .from(users)
    .leftJoin(facilities, eq(facilities.id, users.facilityId))
    .where(eq(users.id, userId))
    .get();
  if (!row) throw new NotFoundError();
  const activeSessions =
    db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > ${now.toISOString()}`))
      .get()?.n ?? 0;
  return {
    user: {
      ...auditedUser(row.user),
      id: row.user.id,
      version: row.user.version,
      isDemo: row.user.isDemo,
      facilityCode: row.facilityCode,
      facilityName: row.facilityName,
    },
    activeSessions,
  };
}

/** Facility code / province code from the form to the stored scope for the role. */
function resolveScope(
  db: Db,
  input: { role: Role; facilityCode?: string; provinceCode?: string },
): { facilityId: number | null; provinceCode: string | null } {
  const reach = roleReach(input.role);
  if (reach === "facility") {
    const facility = db
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.code, input.facilityCode ?? ""))
      .get();
    if (!facility) throw new DomainError("admin:users.errors.unknownFacility", { field: "facilityCode" });
    return { facilityId: facility.id, provinceCode: null };
  }
  if (reach === "province") {
    const province = db
      .select({ code: provinces.code })
      .from(provinces)
      .where(eq(provinces.code, input.provinceCode ?? ""))
      .get();
    if (!province) throw new DomainError("admin:users.errors.unknownProvince", { field: "provinceCode" });
    return { facilityId: null, provinceCode: province.code };
  }
  return { facilityId: null, provinceCode: null };
}

/**
 * Creates an account. `actor` is the administrator, or "system" for the seed (audited with
 * no user); routes always pass the signed-in actor.
 */
export async function createUser(
  db: Db,
  actor: Actor | "system",
  input: CreateUserInput & { isDemo?: boolean },
  now = new Date(),
): Promise<User> {
  if (actor !== "system") assertCanManageUsers(actor);
  const scope = resolveScope(db, input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const taken = tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
    if (taken) throw new DomainError("admin:users.errors.usernameTaken", { field: "username", status: 409 });
    const user = tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        passwordHash,
        role: input.role,
        ...scope,
        isDemo: input.isDemo ?? false,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .returning()
      .get();
    recordAudit(tx, {
      userId: actor === "system" ? null : actor.userId,
      action: "create",
      entityType: "user",
      entityId: user.id,
      after: auditedUser(user),
      at: now.toISOString(),
    });
    return user;
  });
}

function loadUser(db: Pick<Db, "select">, userId: number): User {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new NotFoundError();
  return user;
}

/** Name, e-mail, role and scope; a stale form (older version) gets 409 and writes nothing. */
/** Saves changes to an account at its next version, with the audit event of the change. */
function writeUser(tx: Tx, actor: Actor, current: User, changes: Partial<typeof users.$inferInsert>, now: Date): User {
  const updated = tx
    .update(users)
    .set({ ...changes, version: current.version + 1, updatedAt: now.toISOString() })
    .where(eq(users.id, current.id))
    .returning()
    .get();
  recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "user",
    entityId: current.id,
    before: auditedUser(current),
    after: auditedUser(updated),
    at: now.toISOString(),
  });
  return updated;
}

export function updateUser(db: Db, actor: Actor, userId: number, input: UpdateUserInput, now = new Date()): User {
  assertCanManageUsers(actor);
  const scope = resolveScope(db, input);
  return db.transaction((tx) => {
    const current = loadUser(tx, userId);
    const changes = {
      displayName: input.displayName,
      email: input.email ?? null,
      role: input.role,
      ...scope,
    };
    assertVersion(current, input.version, changes);
    // An administrator cannot take user management away from themselves (and lock everyone out).
    if (current.id === actor.userId && !hasCapability({ role: input.role }, "users.manage")) {
      throw new DomainError("admin:users.errors.ownRole", { field: "role" });
    }
    return writeUser(tx, actor, current, changes, now);
  });
}

/** Deactivating ends the user's sessions at once; an administrator cannot lock themselves out. */
export function setUserActive(db: Db, actor: Actor, userId: number, active: boolean, now = new Date()): void {
  assertCanManageUsers(actor);
  if (!active && userId === actor.userId) throw new DomainError("admin:users.errors.ownAccount");
  db.transaction((tx) => {
    const current = loadUser(tx, userId);
    if (current.active === active) return;
    writeUser(tx, actor, current, { active }, now);
    if (!active) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}

/** A new password set by an administrator; the user's sessions end. */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  userId: number,
  password: string,
  now = new Date(),
): Promise<void> {
  assertCanManageUsers(actor);
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    const current = loadUser(tx, userId);
    tx.update(users)
      .set({ passwordHash, version: current.version + 1, updatedAt: now.toISOString() })
      .where(eq(users.id, userId))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "user",
      entityId: userId,
      before: { password: "…" },
      after: { password: "(reset)" },
      at: now.toISOString(),
    });
  });
}

/** Signs the user out everywhere; returns how many sessions ended. */
export function endSessionsOfUser(db: Db, actor: Actor, userId: number, now = new Date()): number {
  assertCanManageUsers(actor);
  loadUser(db, userId);
  return db.transaction((tx) => {
    const ended = endUserSessions(tx as unknown as Db, userId);
    recordAudit(tx, {
      userId: actor.userId,
      action: "delete",
      entityType: "session",
      entityId: userId,
      before: { sessions: ended },
      at: now.toISOString(),
    });
    return ended;
  });
}

/** Options for the create / edit forms: provinces, and facility codes for the datalist. */
export function userFormOptions(db: Db, actor: Actor, locale: Locale) {
  assertCanManageUsers(actor);
  const provinceOptions = db
    .select({ code: provinces.code, name: provinces.name })
    .from(provinces)
    .orderBy(provinces.name)
    .all();
  // Commune stations have no accounts of their own in this app; hospitals, regional centres
  // and departments are a few thousand at most nationally.
  const facilityOptions = db
    .select({ code: facilities.code, name: facilityNameSql(locale) })
    .from(facilities)
    .where(inArray(facilities.kind, [...HOSPITAL_KINDS, "regional_centre", "health_department"]))
    .orderBy(facilityNameSql(locale))
    .all();
  return { provinceOptions, facilityOptions };
}
