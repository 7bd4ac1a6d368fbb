// Signing in for route tests: a real user row, a real session row and the signed cookie the
// browser would send, plus a builder for real `Request`s carrying it.
import type { Db } from "~/db/client.server";
import type { User } from "~/db/schema";
import type { Role } from "~/models/enums";
import { commitSessionCookie, createSession } from "~/models/auth/session.server";
import { makeFacility, makeProvince, makeUser } from "./factories";

export const TEST_ORIGIN = "http://localhost";

type SignInOptions = {
  role: Role;
  /** Director, trainer, viewer: their facility (a new one when omitted). */
  facilityId?: number;
  /** Department: its province (a new one when omitted). */
  provinceCode?: string;
  username?: string;
  displayName?: string;
  /** When the session started (for expiry tests); defaults to now. */
  now?: Date;
};

/**
 * A user of the role with a live session. Returns the user row and the `Cookie` header value.
 * Facility roles get a facility (and its province), department officers a province.
 */
export async function createSignedInUser(db: Db, options: SignInOptions): Promise<{ user: User; cookie: string }> {
  const { role } = options;
  let facilityId: number | null = null;
  let provinceCode: string | null = null;
  if (role === "director" || role === "trainer" || role === "viewer") {
    facilityId = options.facilityId ?? makeFacility(db, options.provinceCode ? { provinceCode: options.provinceCode } : {}).id;
  } else if (role === "department") {
    provinceCode = options.provinceCode ?? makeProvince(db).code;
  }
  const user = makeUser(db, {
    role,
    facilityId,
    provinceCode,
    ...(options.username ? { username: options.username } : {}),
    ...(options.displayName ? { displayName: options.displayName } : {}),
  });
  const cookie = await cookieFor(db, user.id, options.now);
  return { user, cookie };
}

/** A fresh signed session cookie (`name=value`) for an existing user. */
export async function cookieFor(db: Db, userId: number, now?: Date): Promise<string> {
  const sessionId = createSession(db, userId, { now });
  const setCookie = await commitSessionCookie(new Request(TEST_ORIGIN), sessionId);
  return setCookie.split(";")[0];
}

type RequestOptions = {
  cookie?: string | null;
  method?: string;
  /** Form fields (sent as application/x-www-form-urlencoded); arrays repeat the name. */
  form?: Record<string, string | number | boolean | null | undefined | (string | number)[]> | FormData;
  headers?: Record<string, string>;
  /** The Origin header of non-GET requests; defaults to the app's own origin. */
  origin?: string | null;
};

/** A real Request to the app, as a browser on the same site would send it. */
export function authedRequest(url: string, options: RequestOptions = {}): Request {
  const method = (options.method ?? (options.form ? "POST" : "GET")).toUpperCase();
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (method !== "GET" && method !== "HEAD") {
    const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
    if (origin !== null && !headers.has("Origin")) headers.set("Origin", origin);
  }
  let body: BodyInit | undefined;
  if (options.form instanceof FormData) {
    body = options.form;
  } else if (options.form) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
      else params.append(key, String(value));
    }
    body = params;
  }
  return new Request(new URL(url, TEST_ORIGIN), { method, headers, body });
}

/** The Response a loader or action produced, whether it returned it or threw it (redirects, 401/403/404). */
export async function responseOf(result: Promise<unknown> | unknown): Promise<Response> {
  try {
    const value = await result;
    if (value instanceof Response) return value;
    return new Response(JSON.stringify(value ?? null), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** The session cookie (`name=value`) a response sets, or null. */
export function sessionCookieFrom(response: Response): string | null {
  const header = response.headers.get("Set-Cookie");
  if (!header) return null;
  const pair = header.split(";")[0];
  return pair.endsWith("=") ? null : pair;
}
