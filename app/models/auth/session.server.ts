// Sessions: a random id carried by a signed, HttpOnly, SameSite=Lax cookie; the `sessions`
// table keeps only its sha-256, so a copy of the database cannot be replayed as a cookie. A session ends after 30 minutes without a request or 12 hours after
// sign-in, whichever comes first. Every protected loader and action starts with
// `requireActor(request)`, which also refuses state-changing requests from other sites.
import crypto from "node:crypto";
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { and, eq, lt, or } from "drizzle-orm";
import { getDb, type Db } from "~/db/client.server";
import { facilities, sessions, users, type User } from "~/db/schema";
import { hasCapability, scopeOfAccount, type Actor, type Capability } from "~/models/access/policy";
import { forbidden } from "~/utils/http.server";
import { resolveSessionSecret } from "./secret.server";

/** `facilityNameEn`: the facility's stored English name, so the header can name it in the reader's language. */
export type SessionUser = Actor & { username: string; displayName: string; facilityName: string | null; facilityNameEn?: string | null };

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A half-signed-in session (second factor or its set-up pending) lasts this long. */
export const PENDING_SESSION_MS = 10 * 60 * 1000;
/** lastSeenAt is rewritten at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE_NAME = "__session";

let cookie: Cookie | null = null;
function sessionCookie(): Cookie {
  cookie ??= createCookie(SESSION_COOKIE_NAME, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: [resolveSessionSecret()],
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return cookie;
}

/** True when the browser reached us over HTTPS (directly or through a TLS-terminating proxy). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || new URL(request.url).protocol === "https:";
}

export async function commitSessionCookie(request: Request, sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId, { secure: isHttps(request) });
}

export async function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie().serialize("", { secure: isHttps(request), maxAge: 0, expires: new Date(0) });
}

/** The session id from a correctly signed cookie; null when absent or tampered with. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function newSessionId(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** What the sessions table stores for a cookie's session id. */
export function hashSessionId(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId, "utf8").digest("hex");
}

/**
 * The client's address as the reverse proxy reports it (X-Forwarded-For / X-Real-IP); the
 * app server itself does not expose the socket address to Remix. "unknown" without a proxy.
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("X-Real-IP")?.trim() || "unknown").slice(0, 64);
}

/** Starts a session (a new id every time: sign-in never reuses an id the browser sent). */
export function createSession(
  db: Db,
  userId: number,
  options: { now?: Date; verified?: boolean; ip?: string | null; userAgent?: string | null } = {},
): string {
  const now = options.now ?? new Date();
  const id = newSessionId();
  db.insert(sessions)
    .values({
      id: hashSessionId(id),
      userId,
      verified: options.verified ?? true,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: options.ip ?? null,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return id;
}

export function endSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, hashSessionId(sessionId))).run();
}

/** Ends every session of a user (administrator action, password reset, deactivation). */
export function endUserSessions(db: Db, userId: number): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Removes sessions past their idle or absolute end; cheap thanks to the small table. */
export function purgeExpiredSessions(db: Db, now = new Date()): void {
  const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  db.delete(sessions)
    .where(or(lt(sessions.expiresAt, now.toISOString()), lt(sessions.lastSeenAt, idleCutoff)))
    .run();
}

export type SessionState =
  | { kind: "signedIn"; sessionId: string; user: User; actor: SessionUser }
  /** Password given; the second factor is still to come (`code`) or must be set up (`setup`). */
  | { kind: "pending"; sessionId: string; user: User; needs: "code" | "setup" };

type Options = { db?: Db; now?: Date };

/** The state of the request's session, or null when signed out or expired (expired rows are removed). */
export async function getSessionState(request: Request, options: Options = {}): Promise<SessionState | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const row = db
    .select({ session: sessions, user: users, facilityName: facilities.name, facilityNameEn: facilities.nameEn, facilityProvince: facilities.provinceCode })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(facilities, eq(facilities.id, users.facilityId))
    .where(eq(sessions.id, hashSessionId(sessionId)))
    .get();
  if (!row) return null;
  const { session, user } = row;
  const t = now.getTime();
  const expired =
    !user.active ||
    Date.parse(session.expiresAt) <= t ||
    Date.parse(session.lastSeenAt) + SESSION_IDLE_MS <= t ||
    (!session.verified && Date.parse(session.createdAt) + PENDING_SESSION_MS <= t);
  if (expired) {
    endSession(db, sessionId);
    return null;
  }
  if (!session.verified) {
    return { kind: "pending", sessionId, user, needs: user.totpEnabled ? "code" : "setup" };
  }
  if (t - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, hashSessionId(sessionId))).run();
  }
  const actor: SessionUser = {
    userId: user.id,
    role: user.role,
    ...scopeOfAccount(user.role, { facilityId: user.facilityId, provinceCode: user.provinceCode, facilityProvinceCode: row.facilityProvince }),
    username: user.username,
    displayName: user.displayName,
    facilityName: row.facilityName,
    facilityNameEn: row.facilityNameEn,
  };
  return { kind: "signedIn", sessionId, user, actor };
}

/** The signed-in user, or null (signed out, expired, tampered cookie, second factor pending). */
export async function getActor(request: Request, options: Options = {}): Promise<SessionUser | null> {
  const state = await getSessionState(request, options);
  return state?.kind === "signedIn" ? state.actor : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses (403) a state-changing request sent by another site: an Origin header that is not
 * ours, or the browser's own `Sec-Fetch-Site: cross-site` verdict. Requests without either
 * header (old browsers, scripts) are let through: SameSite=Lax already keeps the session
 * cookie off cross-site POSTs.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (request.headers.get("Sec-Fetch-Site")?.toLowerCase() === "cross-site") throw crossSite();
  const origin = request.headers.get("Origin");
  if (origin === null) return;
  if (!ownOrigins(request).has(origin.toLowerCase())) throw crossSite();
}

function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin.toLowerCase()]);
  const host = (request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host") ?? url.host).split(",")[0].trim();
  const proto = isHttps(request) ? "https" : url.protocol.replace(":", "");
  origins.add(`${proto}://${host}`.toLowerCase());
  return origins;
}

function crossSite(): Response {
  return forbidden();
}

function signInRedirect(request: Request, to = "/login"): Response {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return redirect(here === "/" ? to : `${to}?redirectTo=${encodeURIComponent(here)}`);
}

/**
 * The signed-in user, or a thrown Response: GET/HEAD go to the sign-in page (or to the
 * second-factor set-up the role requires); other methods get 401. State-changing requests
 * from another site get 403 first. `allowPendingSetup` is for the set-up page itself.
 */
export async function requireActor(
  request: Request,
  options: Options & { allowPendingSetup?: boolean } = {},
): Promise<SessionUser> {
  assertSameOrigin(request);
  const state = await getSessionState(request, options);
  if (state?.kind === "signedIn") return state.actor;
  const isRead = request.method === "GET" || request.method === "HEAD";
  if (state?.kind === "pending" && state.needs === "setup") {
    if (options.allowPendingSetup) return pendingActor(state.user);
    if (isRead) throw redirect("/account/security");
  }
  if (isRead) throw signInRedirect(request);
  throw new Response("Sign-in required", { status: 401 });
}

/** requireActor, then 403 unless the role has the capability (e.g. "users.manage" for admin pages). */
export async function requireCapability(
  request: Request,
  capability: Capability,
  options: Options = {},
): Promise<SessionUser> {
  const actor = await requireActor(request, options);
  if (!hasCapability(actor, capability)) throw forbidden();
  return actor;
}

function pendingActor(user: User): SessionUser {
  return {
    userId: user.id,
    role: user.role,
    facilityId: null,
    provinceCode: null,
    username: user.username,
    displayName: user.displayName,
    facilityName: null,
  };
}

/** Marks a pending session complete under a new id (the second factor was given or set up). */
export function completeSession(db: Db, sessionId: string, now = new Date()): string | null {
  const row = db.select().from(sessions).where(and(eq(sessions.id, hashSessionId(sessionId)), eq(sessions.verified, false))).get();
  if (!row) return null;
  endSession(db, sessionId);
  return createSession(db, row.userId, { now, verified: true, ip: row.ip, userAgent: row.userAgent });
}
