// Failed sign-ins slow down and then stop, per account and per address. The answer never
// says whether the account exists: unknown names are counted and delayed exactly like
// wrong passwords.
import { and, count, desc, eq, gt, lt, min, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { loginAttempts } from "~/db/schema";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures in the window after which an account answers 429 until the oldest one ages out. */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** The same for an address (many accounts tried from one place). */
export const IP_FAILURE_LIMIT = 50;
/** The first failures cost nothing extra; from the third on each doubles, up to the cap. */
const DELAY_FREE_FAILURES = 2;
const DELAY_BASE_MS = 250;
const DELAY_CAP_MS = 8000;

/** The address recorded when the request does not say where it came from. */
export const UNKNOWN_IP = "unknown";

/** Waits; replaced in tests so that they never sleep. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type ThrottleVerdict =
  | { kind: "allowed"; delayMs: number }
  | { kind: "blocked"; retryAfterMinutes: number };

export function normaliseUsername(username: string): string {
  return username.normalize("NFC").trim().toLowerCase();
}

/** Progressive delay for the given number of recent failures. */
export function delayFor(failures: number): number {
  if (failures <= DELAY_FREE_FAILURES) return 0;
  return Math.min(DELAY_CAP_MS, DELAY_BASE_MS * 2 ** (failures - DELAY_FREE_FAILURES - 1));
}

function failuresSince(db: Db, where: SQL | undefined) {
  return db
    .select({ n: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(where)
    .get() ?? { n: 0, oldest: null };
}

export function checkThrottle(db: Db, username: string, ip: string, now: Date): ThrottleVerdict {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  // An account's count restarts at its last successful sign-in.
  const lastSuccess = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.success, true), gt(loginAttempts.at, windowStart)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
    .get();
  const account = failuresSince(
    db,
    and(eq(loginAttempts.username, username), eq(loginAttempts.success, false), gt(loginAttempts.at, lastSuccess?.at ?? windowStart)),
  );
  // Without a proxy telling us the client's address every request shares UNKNOWN_IP; counting
  // them together would let one person lock everybody out, so only the account limit applies.
  const address =
    ip === UNKNOWN_IP
      ? { n: 0, oldest: null }
      : failuresSince(db, and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, windowStart)));
  const blockedBy = account.n >= ACCOUNT_FAILURE_LIMIT ? account : address.n >= IP_FAILURE_LIMIT ? address : null;
  if (blockedBy) {
    const freeAt = Date.parse(blockedBy.oldest ?? now.toISOString()) + THROTTLE_WINDOW_MS;
    return { kind: "blocked", retryAfterMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60000)) };
  }
  return { kind: "allowed", delayMs: delayFor(Math.max(account.n, Math.floor(address.n / 5))) };
}

export function recordAttempt(db: Db, username: string, ip: string, success: boolean, now: Date): void {
  db.insert(loginAttempts).values({ username, ip, success, at: now.toISOString() }).run();
}

export type Reservation =
  | { kind: "reserved"; attemptId: number; delayMs: number }
  | { kind: "blocked"; retryAfterMinutes: number };

/**
 * Counts an attempt before its password or code is checked: in one IMMEDIATE transaction the
 * throttle is read and, when allowed, a failed attempt is written. Simultaneous guesses are
 * therefore counted one after another, and the eleventh finds ten failures whatever the
 * timing. `confirmAttempt` turns the row into a success once the secret proved right.
 */
export function reserveAttempt(db: Db, username: string, ip: string, now: Date): Reservation {
  return db.transaction(
    (tx) => {
      const verdict = checkThrottle(tx as unknown as Db, username, ip, now);
      if (verdict.kind === "blocked") return verdict;
      const row = tx
        .insert(loginAttempts)
        .values({ username, ip, success: false, at: now.toISOString() })
        .returning({ id: loginAttempts.id })
        .get();
      return { kind: "reserved" as const, attemptId: row.id, delayMs: verdict.delayMs };
    },
    { behavior: "immediate" },
  );
}

/** The reserved attempt succeeded: it no longer counts as a failure (and restarts the account's count). */
export function confirmAttempt(db: Db, attemptId: number): void {
  db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
}

/** Attempts older than a day are of no use to the throttle. */
export function purgeOldAttempts(db: Db, now: Date): void {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  db.delete(loginAttempts).where(lt(loginAttempts.at, cutoff)).run();
}
