import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { loginAttempts, rolePolicies, sessions, users } from "~/db/schema";
import { hashPassword, verifyPassword } from "~/models/auth/password.server";
import { signIn, verifySignInCode } from "~/models/auth/sign-in.server";
import { hashSessionId } from "~/models/auth/session.server";
import { delayFor } from "~/models/auth/throttle.server";
import { confirmTotpSetup, disableTotp, startTotpSetup, totpCode } from "~/models/auth/totp.server";
import { setRolePolicy } from "~/models/auth/policies.server";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

const PASSPHRASE =
  "Bệnh viện Đa khoa tỉnh Lào Cai số 2 hỗ trợ Trung tâm Y tế khu vực Bảo Thắng, Bảo Yên và Bát Xát — năm 2025!";
const T0 = new Date("2025-06-02T01:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const noSleep = async () => {};

async function userWithPassword(db: ReturnType<typeof createTestDb>, password: string, overrides: Partial<typeof users.$inferInsert> = {}) {
  return makeUser(db, { role: "director", passwordHash: await hashPassword(password), ...overrides });
}

test("a 100+ character Vietnamese passphrase works whole, hashed with Argon2id", async () => {
  expect(PASSPHRASE.length).toBeGreaterThan(100);
  const hash = await hashPassword(PASSPHRASE);
  expect(hash.startsWith("$argon2id$")).toBe(true);
  expect(await verifyPassword(hash, PASSPHRASE)).toBe(true);
  // Every character counts, including the last one (no truncation at 72 bytes as with bcrypt).
  expect(await verifyPassword(hash, PASSPHRASE.slice(0, -1) + "?")).toBe(false);
  expect(await verifyPassword(hash, PASSPHRASE.slice(0, 72))).toBe(false);
  // The same words typed with decomposed diacritics (some keyboards) are the same passphrase.
  expect(await verifyPassword(hash, PASSPHRASE.normalize("NFD"))).toBe(true);
});

test("signing in with the right password starts a session; a wrong one and an unknown user answer alike", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "gd.laocai2" });
  const ok = await signIn(db, { username: " GD.LaoCai2 ", password: PASSPHRASE, ip: "10.0.0.1" }, { now: T0, sleep: noSleep });
  expect(ok).toMatchObject({ kind: "signedIn", needs: null });
  const wrong = await signIn(db, { username: "gd.laocai2", password: "sai mật khẩu", ip: "10.0.0.1" }, { now: T0, sleep: noSleep });
  const unknown = await signIn(db, { username: "khong.ton.tai", password: PASSPHRASE, ip: "10.0.0.1" }, { now: T0, sleep: noSleep });
  expect(wrong).toEqual({ kind: "invalid" });
  expect(unknown).toEqual({ kind: "invalid" });
  expect(db.select().from(sessions).all()).toHaveLength(1);
});

test("a deactivated account cannot sign in even with the right password", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "old", active: false });
  expect(await signIn(db, { username: "old", password: PASSPHRASE, ip: "1.1.1.1" }, { now: T0, sleep: noSleep })).toEqual({ kind: "invalid" });
});

test("the eleventh wrong password within 15 minutes is refused without checking, with the wait in minutes", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "target" });
  const delays: number[] = [];
  const sleep = async (ms: number) => void delays.push(ms);
  for (let i = 0; i < 10; i++) {
    const r = await signIn(db, { username: "target", password: `wrong ${i}`, ip: `10.0.0.${i}` }, { now: at(i), sleep });
    expect(r.kind).toBe("invalid");
  }
  // Progressive delay: free at first, then doubling.
  expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000]);
  const eleventh = await signIn(db, { username: "target", password: PASSPHRASE, ip: "10.9.9.9" }, { now: at(10), sleep });
  expect(eleventh).toEqual({ kind: "throttled", retryAfterMinutes: 5 });
  // 15 minutes after the first failure it ages out and the right password works again.
  const later = await signIn(db, { username: "target", password: PASSPHRASE, ip: "10.9.9.9" }, { now: at(15.5), sleep });
  expect(later.kind).toBe("signedIn");
});

test("unknown user names are throttled exactly like real ones", async () => {
  const db = createTestDb();
  for (let i = 0; i < 10; i++) {
    await signIn(db, { username: "nobody", password: "x", ip: "10.0.1.1" }, { now: at(i / 10), sleep: noSleep });
  }
  expect(await signIn(db, { username: "nobody", password: "x", ip: "10.0.1.1" }, { now: at(1) })).toMatchObject({ kind: "throttled" });
});

test("fifty failures from one address block it for every account", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "victim" });
  db.insert(loginAttempts)
    .values(Array.from({ length: 50 }, (_, i) => ({ username: `guess${i}`, ip: "203.0.113.7", at: at(i / 10).toISOString(), success: false })))
    .run();
  expect(await signIn(db, { username: "victim", password: PASSPHRASE, ip: "203.0.113.7" }, { now: at(6), sleep: noSleep })).toMatchObject({ kind: "throttled" });
  expect((await signIn(db, { username: "victim", password: PASSPHRASE, ip: "198.51.100.1" }, { now: at(6), sleep: noSleep })).kind).toBe("signedIn");
});

test("a successful sign-in restarts the account's count", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "forgetful" });
  for (let i = 0; i < 9; i++) await signIn(db, { username: "forgetful", password: "no", ip: "1.2.3.4" }, { now: at(i / 10), sleep: noSleep });
  expect((await signIn(db, { username: "forgetful", password: PASSPHRASE, ip: "1.2.3.4" }, { now: at(1), sleep: noSleep })).kind).toBe("signedIn");
  const next = await signIn(db, { username: "forgetful", password: "no", ip: "1.2.3.4" }, { now: at(2), sleep: noSleep });
  expect(next.kind).toBe("invalid");
  expect(delayFor(1)).toBe(0);
});

test("with TOTP on, the password alone gives a pending session; a current code or a recovery code completes it once", async () => {
  const db = createTestDb();
  const user = await userWithPassword(db, PASSPHRASE, { username: "secure" });
  const actor = { userId: user.id, role: user.role, facilityId: null, provinceCode: null };
  const { secret } = await startTotpSetup(db, actor);
  const recovery = confirmTotpSetup(db, actor, totpCode(secret, T0), T0);
  expect(recovery).toHaveLength(10);
  expect(new Set(recovery).size).toBe(10);

  const first = await signIn(db, { username: "secure", password: PASSPHRASE, ip: "1.1.1.1" }, { now: at(1), sleep: noSleep });
  expect(first).toMatchObject({ kind: "signedIn", needs: "code" });
  if (first.kind !== "signedIn") return;
  const fresh = () => db.select().from(users).where(eq(users.id, user.id)).get()!;
  expect(db.select().from(sessions).where(eq(sessions.id, hashSessionId(first.sessionId))).get()?.verified).toBe(false);
  const wrong = await verifySignInCode(db, { sessionId: first.sessionId, user: fresh(), code: "000000", ip: "1.1.1.1" }, { now: at(1), sleep: noSleep });
  expect(wrong.kind).toBe("invalid");
  const ok = await verifySignInCode(db, { sessionId: first.sessionId, user: fresh(), code: totpCode(secret, at(1)), ip: "1.1.1.1" }, { now: at(1), sleep: noSleep });
  expect(ok.kind).toBe("signedIn");
  if (ok.kind !== "signedIn") return;
  // The completed session has a new id; the pending one is gone.
  expect(ok.sessionId).not.toBe(first.sessionId);
  expect(db.select().from(sessions).where(eq(sessions.id, hashSessionId(first.sessionId))).get()).toBeUndefined();

  const second = await signIn(db, { username: "secure", password: PASSPHRASE, ip: "1.1.1.1" }, { now: at(2), sleep: noSleep });
  if (second.kind !== "signedIn") throw new Error("expected pending session");
  const withRecovery = await verifySignInCode(db, { sessionId: second.sessionId, user: fresh(), code: recovery[0].toUpperCase(), ip: "1.1.1.1" }, { now: at(2), sleep: noSleep });
  expect(withRecovery.kind).toBe("signedIn");
  const third = await signIn(db, { username: "secure", password: PASSPHRASE, ip: "1.1.1.1" }, { now: at(3), sleep: noSleep });
  if (third.kind !== "signedIn") throw new Error("expected pending session");
  const reused = await verifySignInCode(db, { sessionId: third.sessionId, user: fresh(), code: recovery[0], ip: "1.1.1.1" }, { now: at(3), sleep: noSleep });
  expect(reused.kind).toBe("invalid");
});

test("administrators and department officers must set up TOTP by default, demo accounts excepted, and the policy is per role", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "real.admin", role: "admin" });
  await userWithPassword(db, PASSPHRASE, { username: "demo.admin", role: "admin", isDemo: true });
  await userWithPassword(db, PASSPHRASE, { username: "director", role: "director" });
  const signInAs = (username: string) => signIn(db, { username, password: PASSPHRASE, ip: "1.1.1.1" }, { now: T0, sleep: noSleep });
  expect(await signInAs("real.admin")).toMatchObject({ needs: "setup" });
  expect(await signInAs("demo.admin")).toMatchObject({ needs: null });
  expect(await signInAs("director")).toMatchObject({ needs: null });

  const admin = { userId: 1, role: "admin" as const, facilityId: null, provinceCode: null };
  setRolePolicy(db, admin, "director", true);
  setRolePolicy(db, admin, "admin", false);
  expect(db.select().from(rolePolicies).all()).toHaveLength(2);
  expect(await signInAs("director")).toMatchObject({ needs: "setup" });
  expect(await signInAs("real.admin")).toMatchObject({ needs: null });
});

test("TOTP cannot be turned off where the role requires it, and needs a current code where it may", async () => {
  const db = createTestDb();
  const admin = await userWithPassword(db, PASSPHRASE, { role: "admin" });
  const director = await userWithPassword(db, PASSPHRASE, { role: "director" });
  for (const user of [admin, director]) {
    const actor = { userId: user.id, role: user.role, facilityId: null, provinceCode: null };
    const { secret } = await startTotpSetup(db, actor);
    confirmTotpSetup(db, actor, totpCode(secret, T0), T0);
  }
  const adminActor = { userId: admin.id, role: admin.role, facilityId: null, provinceCode: null };
  const directorActor = { userId: director.id, role: director.role, facilityId: null, provinceCode: null };
  const adminSecret = db.select().from(users).where(eq(users.id, admin.id)).get()!.totpSecret!;
  expect(() => disableTotp(db, adminActor, totpCode(adminSecret, T0), T0)).toThrow("auth:totp.requiredByRole");
  expect(() => disableTotp(db, directorActor, "123456", T0)).toThrow("auth:totp.wrongCode");
  const directorSecret = db.select().from(users).where(eq(users.id, director.id)).get()!.totpSecret!;
  disableTotp(db, directorActor, totpCode(directorSecret, T0), T0);
  expect(db.select().from(users).where(eq(users.id, director.id)).get()).toMatchObject({ totpEnabled: false, totpSecret: null });
});

test("without a proxy-reported address only the account limit applies, so one person cannot lock everyone out", async () => {
  const db = createTestDb();
  await userWithPassword(db, PASSPHRASE, { username: "bystander" });
  for (let i = 0; i < 60; i++) {
    await signIn(db, { username: `attacker${i % 6}`, password: "x", ip: "unknown" }, { now: at(i / 10), sleep: noSleep });
  }
  expect((await signIn(db, { username: "bystander", password: PASSPHRASE, ip: "unknown" }, { now: at(7), sleep: noSleep })).kind).toBe("signedIn");
});
