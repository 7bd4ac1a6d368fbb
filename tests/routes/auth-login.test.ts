import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loginAttempts, sessions, users } from "~/db/schema";
import { hashPassword } from "~/models/auth/password.server";
import { signInTiming } from "~/models/auth/sign-in.server";
import { totpCode } from "~/models/auth/totp.server";
import { loader as accountLoader, action as accountAction } from "~/routes/account.security";
import { loader as homeLoader } from "~/routes/_index";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { authedRequest, responseOf, sessionCookieFrom } from "../helpers/auth";
import { makeFacility, makeUser } from "../helpers/factories";

// Sign-in delays are real in the app; these tests do not wait for them.
signInTiming.sleep = async () => {};

const PASSPHRASE = "Tôi là giám đốc Bệnh viện Đa khoa tỉnh Lào Cai số 2 và đây là mật khẩu dài của tôi, có dấu đầy đủ: ắ ằ ẳ ẵ ặ đ ư ơ";

let n = 0;
async function account(overrides: Partial<typeof users.$inferInsert> = {}) {
  n += 1;
  return makeUser(getDb(), {
    username: `user.${n}`,
    role: "director",
    facilityId: makeFacility(getDb()).id,
    passwordHash: await hashPassword(PASSPHRASE),
    ...overrides,
  });
}

function postLogin(form: Record<string, string>, options: { cookie?: string | null; origin?: string | null; ip?: string } = {}) {
  const request = authedRequest("/login", {
    form,
    cookie: options.cookie,
    origin: options.origin,
    headers: { "X-Forwarded-For": options.ip ?? "192.0.2.10" },
  });
  return responseOf(loginAction({ request, params: {}, context: {} }));
}

async function formErrors(response: Response): Promise<string[]> {
  const data = (await response.json()) as { result: { error?: Record<string, string[]> } };
  return Object.values(data.result.error ?? {}).flat();
}

test("the right user name and passphrase sign in: a fresh HttpOnly session cookie, then home", async () => {
  const user = await account();
  const response = await postLogin({ intent: "password", username: user.username, password: PASSPHRASE, redirectTo: "/agreements" });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/agreements");
  expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
  const cookie = sessionCookieFrom(response)!;
  const home = await responseOf(homeLoader({ request: authedRequest("/", { cookie }), params: {}, context: {} }));
  expect(home.status).toBe(200);
});

test("a wrong password and an unknown user get the same 401 message and no session", async () => {
  const user = await account();
  const wrong = await postLogin({ intent: "password", username: user.username, password: "không đúng" });
  const unknown = await postLogin({ intent: "password", username: "ai.do.khong.co", password: PASSPHRASE });
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  expect(await formErrors(wrong)).toEqual(["auth:signIn.invalid"]);
  expect(await formErrors(unknown)).toEqual(["auth:signIn.invalid"]);
  expect(wrong.headers.get("Set-Cookie")).toBeNull();
  expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
});

test("the eleventh fast wrong password gets 429 with a wait that does not reveal the account", async () => {
  const user = await account();
  for (let i = 0; i < 10; i++) {
    expect((await postLogin({ intent: "password", username: user.username, password: `sai ${i}` }, { ip: "198.51.100.5" })).status).toBe(401);
  }
  const eleventh = await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }, { ip: "198.51.100.5" });
  expect(eleventh.status).toBe(429);
  expect(Number(eleventh.headers.get("Retry-After"))).toBeGreaterThan(0);
  const [message] = await formErrors(eleventh);
  expect(message).toMatch(/^auth:signIn\.throttled\|\{"minutes":\d+\}$/);
  expect(eleventh.headers.get("Set-Cookie")).toBeNull();
  // The same answer for a name that does not exist, after as many tries.
  for (let i = 0; i < 10; i++) await postLogin({ intent: "password", username: "ghost", password: `x${i}` }, { ip: "198.51.100.6" });
  const ghost = await postLogin({ intent: "password", username: "ghost", password: "x" }, { ip: "198.51.100.6" });
  expect(ghost.status).toBe(429);
});

test("a sign-in form posted from another site is refused with 403 and records nothing", async () => {
  const user = await account();
  const before = getDb().select().from(loginAttempts).all().length;
  const response = await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }, { origin: "https://evil.example" });
  expect(response.status).toBe(403);
  expect(response.headers.get("Set-Cookie")).toBeNull();
  expect(getDb().select().from(loginAttempts).all()).toHaveLength(before);
});

test("signing in replaces the session the browser already had", async () => {
  const user = await account();
  const first = sessionCookieFrom(await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }))!;
  const second = await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }, { cookie: first });
  expect(sessionCookieFrom(second)).not.toBe(first);
  const old = await responseOf(homeLoader({ request: authedRequest("/", { cookie: first }), params: {}, context: {} }));
  expect(old.status).toBe(302);
});

test("signing out ends the session on the server, not only in the browser", async () => {
  const user = await account();
  const cookie = sessionCookieFrom(await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }))!;
  const out = await responseOf(logoutAction({ request: authedRequest("/logout", { cookie, method: "POST" }), params: {}, context: {} }));
  expect(out.headers.get("Location")).toBe("/login");
  const after = await responseOf(homeLoader({ request: authedRequest("/", { cookie }), params: {}, context: {} }));
  expect(after.status).toBe(302);
  expect(after.headers.get("Location")).toBe("/login");
});

test("with TOTP on, the password step asks for the code; a wrong code is 401, a fresh one signs in", async () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const user = await account({ totpSecret: secret, totpEnabled: true });
  const pending = await postLogin({ intent: "password", username: user.username, password: PASSPHRASE, redirectTo: "/staff" });
  expect(pending.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff");
  const cookie = sessionCookieFrom(pending)!;
  // Half signed in: protected pages still send to sign-in, and the sign-in page shows the code step.
  expect((await responseOf(homeLoader({ request: authedRequest("/", { cookie }), params: {}, context: {} }))).status).toBe(302);
  const step = await responseOf(loginLoader({ request: authedRequest("/login?redirectTo=%2Fstaff", { cookie }), params: {}, context: {} }));
  expect(await step.json()).toMatchObject({ step: "code", redirectTo: "/staff" });

  const wrong = await postLogin({ intent: "code", code: "000000", redirectTo: "/staff" }, { cookie });
  expect(wrong.status).toBe(401);
  const ok = await postLogin({ intent: "code", code: totpCode(secret, new Date()), redirectTo: "/staff" }, { cookie });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("Location")).toBe("/staff");
  const full = sessionCookieFrom(ok)!;
  expect(full).not.toBe(cookie);
  expect((await responseOf(homeLoader({ request: authedRequest("/", { cookie: full }), params: {}, context: {} }))).status).toBe(200);
});

test("an administrator without TOTP is sent to set it up, and is signed in once a code confirms it", async () => {
  const admin = await account({ role: "admin", facilityId: null });
  const response = await postLogin({ intent: "password", username: admin.username, password: PASSPHRASE });
  expect(response.headers.get("Location")).toBe("/account/security");
  const cookie = sessionCookieFrom(response)!;
  const elsewhere = await responseOf(homeLoader({ request: authedRequest("/", { cookie }), params: {}, context: {} }));
  expect(elsewhere.headers.get("Location")).toBe("/account/security");

  const call = (form: Record<string, string>) =>
    responseOf(accountAction({ request: authedRequest("/account/security", { cookie, form }), params: {}, context: {} }));
  expect((await call({ intent: "start" })).status).toBe(200);
  const page = await responseOf(accountLoader({ request: authedRequest("/account/security", { cookie }), params: {}, context: {} }));
  const data = (await page.json()) as { mustSetUp: boolean; overview: { setup: { secret: string; qrDataUrl: string } } };
  expect(data.mustSetUp).toBe(true);
  expect(data.overview.setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const confirmed = await call({ intent: "confirm", code: totpCode(data.overview.setup.secret, new Date()) });
  expect(confirmed.status).toBe(200);
  const body = (await confirmed.json()) as { recoveryCodes: string[] };
  expect(body.recoveryCodes).toHaveLength(10);
  const full = sessionCookieFrom(confirmed)!;
  expect((await responseOf(homeLoader({ request: authedRequest("/", { cookie: full }), params: {}, context: {} }))).status).toBe(200);
});

test("the demo administrator signs in with the password alone", async () => {
  const admin = await account({ role: "admin", facilityId: null, isDemo: true });
  const response = await postLogin({ intent: "password", username: admin.username, password: PASSPHRASE });
  expect(response.headers.get("Location")).toBe("/");
});

test("a user name of spaces or of 300 letters gets a translatable message, never zod's English", async () => {
  for (const username of ["   ", "a".repeat(300)]) {
    const res = await postLogin({ intent: "password", username, password: "x" }, { ip: "192.0.2.77" });
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error.username).toEqual([username.trim() === "" ? "common:validation.required" : "common:validation.tooLong"]);
  }
});
