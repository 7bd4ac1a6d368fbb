// Signing in: password (Argon2id), throttling, then the second factor when the account has
// one (or must set one up). Unknown user names and wrong passwords take the same path.
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";
import { userNeedsTotp } from "./policies.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { completeSession, createSession, endSession, purgeExpiredSessions } from "./session.server";
import { confirmAttempt, normaliseUsername, purgeOldAttempts, realSleep, reserveAttempt, type Sleep } from "./throttle.server";
import { checkSecondFactor } from "./totp.server";

export type SignInResult =
  | { kind: "throttled"; retryAfterMinutes: number }
  | { kind: "invalid" }
  /** `needs`: null when fully signed in, else the pending step. */
  | { kind: "signedIn"; sessionId: string; needs: null | "code" | "setup" };

type Clock = { now?: Date; sleep?: Sleep };
type Client = { ip: string; userAgent?: string | null };

/** The delay used by the sign-in route; tests swap `sleep` so they never wait. */
export const signInTiming: { sleep: Sleep } = { sleep: realSleep };

export async function signIn(
  db: Db,
  input: { username: string; password: string } & Client,
  clock: Clock = {},
): Promise<SignInResult> {
  const now = clock.now ?? new Date();
  const sleep = clock.sleep ?? signInTiming.sleep;
  const username = normaliseUsername(input.username);
  // Counted as a failure before the password is checked; confirmed as a success after.
  const reservation = reserveAttempt(db, username, input.ip, now);
  if (reservation.kind === "blocked") return { kind: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  if (reservation.delayMs > 0) await sleep(reservation.delayMs);

  const user = db.select().from(users).where(eq(users.username, username)).get();
  const usable = user && user.active ? user : null;
  const ok = await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!ok || !usable) return { kind: "invalid" };
  confirmAttempt(db, reservation.attemptId);

  // Housekeeping on the (rare) successful sign-in keeps both tables small.
  purgeExpiredSessions(db, now);
  purgeOldAttempts(db, now);
  const needs = usable.totpEnabled ? "code" : userNeedsTotp(db, usable) ? "setup" : null;
  const sessionId = createSession(db, usable.id, {
    now,
    verified: needs === null,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  return { kind: "signedIn", sessionId, needs };
}

export type SecondFactorResult =
  | { kind: "throttled"; retryAfterMinutes: number }
  | { kind: "invalid" }
  | { kind: "signedIn"; sessionId: string };

/** The code step of a pending session; wrong codes count as failed sign-ins of the account. */
export async function verifySignInCode(
  db: Db,
  input: { sessionId: string; user: User; code: string } & Client,
  clock: Clock = {},
): Promise<SecondFactorResult> {
  const now = clock.now ?? new Date();
  const sleep = clock.sleep ?? signInTiming.sleep;
  const reservation = reserveAttempt(db, input.user.username, input.ip, now);
  if (reservation.kind === "blocked") {
    endSession(db, input.sessionId);
    return { kind: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  }
  if (reservation.delayMs > 0) await sleep(reservation.delayMs);
  const ok = checkSecondFactor(db, input.user, input.code, now);
  if (!ok) return { kind: "invalid" };
  confirmAttempt(db, reservation.attemptId);
  const sessionId = completeSession(db, input.sessionId, now);
  return sessionId ? { kind: "signedIn", sessionId } : { kind: "invalid" };
}
