// Second factor: time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s, one step of
// clock drift either way) that any authenticator app reads from a QR code, and ten
// single-use recovery codes stored as SHA-256 hashes (they are random, so a slow hash adds
// nothing) and shown once.
import crypto from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Db } from "~/db/client.server";
import { recoveryCodes, users, type User } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { DomainError } from "~/models/errors";
import { userNeedsTotp } from "./policies.server";

export const TOTP_ISSUER = "CGKT";
export const RECOVERY_CODE_COUNT = 10;

function totpFor(user: Pick<User, "username">, secret: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: user.username,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
}

function getUser(db: Db, userId: number): User {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new DomainError("common:errors.notFoundBody", { status: 404 });
  return user;
}

export type TotpSetup = { secret: string; uri: string; qrDataUrl: string };

/** Starts (or restarts) setting up: a new secret is kept, not yet enabled, until a code confirms it. */
export async function startTotpSetup(db: Db, actor: Actor): Promise<TotpSetup> {
  const user = getUser(db, actor.userId);
  if (user.totpEnabled) throw new DomainError("auth:totp.alreadyOn");
  const secret = new Secret({ size: 20 }).base32;
  db.update(users).set({ totpSecret: secret }).where(eq(users.id, user.id)).run();
  return describeSetup(user, secret);
}

/** The QR code and text of a set-up in progress, or null when none is. */
export async function pendingTotpSetup(db: Db, actor: Actor): Promise<TotpSetup | null> {
  const user = getUser(db, actor.userId);
  if (user.totpEnabled || !user.totpSecret) return null;
  return describeSetup(user, user.totpSecret);
}

async function describeSetup(user: User, secret: string): Promise<TotpSetup> {
  const uri = totpFor(user, secret).toString();
  const qrDataUrl = await QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: "M" });
  return { secret, uri, qrDataUrl };
}

/** A TOTP code is valid for the secret at `now` (one 30-second step either side). */
export function isValidTotp(secret: string, code: string, now: Date): boolean {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor({ username: "" }, secret).validate({ token, timestamp: now.getTime(), window: 1 }) !== null;
}

/** The 30-second step of a valid code at `now` (one step of drift either side), or null. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor({ username: "" }, secret).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

/**
 * Uses a TOTP code once: it must be valid and of a later step than the last code this user
 * used. The check and the write are one UPDATE, so two requests racing with the same code
 * cannot both pass.
 */
function consumeTotp(db: Db, userId: number, secret: string, code: string, now: Date): boolean {
  const step = totpStep(secret, code, now);
  if (step === null) return false;
  const used = db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run();
  return used.changes === 1;
}

/** The code an authenticator shows at `now` (used by seeds and tests). */
export function totpCode(secret: string, now: Date): string {
  return totpFor({ username: "" }, secret).generate({ timestamp: now.getTime() });
}

function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** Ten codes like `k7f3-9q2m-x8` (10 characters of a 32-letter alphabet: 50 bits each). */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.randomBytes(10), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

function replaceRecoveryCodes(tx: Pick<Db, "delete" | "insert">, userId: number): string[] {
  const codes = newRecoveryCodes();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })))
    .run();
  return codes;
}

/** Confirms the set-up with a code from the app; returns the recovery codes (shown once). */
export function confirmTotpSetup(db: Db, actor: Actor, code: string, now = new Date()): string[] {
  const user = getUser(db, actor.userId);
  if (user.totpEnabled) throw new DomainError("auth:totp.alreadyOn");
  if (!user.totpSecret) throw new DomainError("auth:totp.noSetup");
  if (!isValidTotp(user.totpSecret, code, now)) throw new DomainError("auth:totp.wrongCode", { field: "code" });
  return db.transaction((tx) => {
    tx.update(users)
      .set({ totpEnabled: true, version: user.version + 1, updatedAt: now.toISOString() })
      .where(eq(users.id, user.id))
      .run();
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "user",
      entityId: user.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true },
      at: now.toISOString(),
    });
    return replaceRecoveryCodes(tx, user.id);
  });
}

/** New recovery codes (the old ones stop working); needs a current code. */
export function regenerateRecoveryCodes(db: Db, actor: Actor, code: string, now = new Date()): string[] {
  const user = getUser(db, actor.userId);
  if (!user.totpEnabled || !user.totpSecret) throw new DomainError("auth:totp.noSetup");
  if (!consumeTotp(db, user.id, user.totpSecret, code, now)) throw new DomainError("auth:totp.wrongCode", { field: "code" });
  return db.transaction((tx) => replaceRecoveryCodes(tx, user.id));
}

/** Turns the second factor off with a current code, unless the user's role requires it. */
export function disableTotp(db: Db, actor: Actor, code: string, now = new Date()): void {
  const user = getUser(db, actor.userId);
  if (!user.totpEnabled || !user.totpSecret) throw new DomainError("auth:totp.noSetup");
  if (userNeedsTotp(db, user)) throw new DomainError("auth:totp.requiredByRole", { status: 403 });
  if (!consumeTotp(db, user.id, user.totpSecret, code, now)) throw new DomainError("auth:totp.wrongCode", { field: "code" });
  db.transaction((tx) => {
    tx.update(users)
      .set({ totpEnabled: false, totpSecret: null, version: user.version + 1, updatedAt: now.toISOString() })
      .where(eq(users.id, user.id))
      .run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).run();
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "user",
      entityId: user.id,
      before: { totpEnabled: true },
      after: { totpEnabled: false },
      at: now.toISOString(),
    });
  });
}

/** Checks a sign-in code: a TOTP code not used before, or an unused recovery code (which is then used up). */
export function checkSecondFactor(db: Db, user: User, code: string, now: Date): boolean {
  if (!user.totpEnabled || !user.totpSecret) return false;
  if (consumeTotp(db, user.id, user.totpSecret, code, now)) return true;
  if (normaliseRecoveryCode(code).length !== 10) return false;
  const used = db
    .update(recoveryCodes)
    .set({ usedAt: now.toISOString() })
    .where(
      and(
        eq(recoveryCodes.userId, user.id),
        eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .run();
  return used.changes === 1;
}

export function unusedRecoveryCodeCount(db: Db, userId: number): number {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

export type SecurityOverview = {
  totpEnabled: boolean;
  /** The role requires a second factor for this account (never for demo accounts). */
  required: boolean;
  setup: TotpSetup | null;
  recoveryCodesLeft: number;
};

export async function getSecurityOverview(db: Db, actor: Actor): Promise<SecurityOverview> {
  const user = getUser(db, actor.userId);
  return {
    totpEnabled: user.totpEnabled,
    required: userNeedsTotp(db, user),
    setup: await pendingTotpSetup(db, actor),
    recoveryCodesLeft: user.totpEnabled ? unusedRecoveryCodeCount(db, user.id) : 0,
  };
}
