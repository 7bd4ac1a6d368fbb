// The sign-in throttle under simultaneous guesses, and second-factor codes that work once.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loginAttempts, users } from "~/db/schema";
import { hashPassword } from "~/models/auth/password.server";
import { signInTiming } from "~/models/auth/sign-in.server";
import { ACCOUNT_FAILURE_LIMIT } from "~/models/auth/throttle.server";
import { totpCode } from "~/models/auth/totp.server";
import { action as loginAction } from "~/routes/login";
import { authedRequest, responseOf, sessionCookieFrom } from "../helpers/auth";
import { makeFacility, makeUser } from "../helpers/factories";

signInTiming.sleep = async () => {};

const PASSPHRASE = "Mật khẩu đúng của giám đốc, dài và có dấu: Bệnh viện Đa khoa tỉnh Lào Cai số 2";

function postLogin(form: Record<string, string>, cookie?: string | null) {
  const request = authedRequest("/login", { form, cookie, headers: { "X-Forwarded-For": "198.51.100.7" } });
  return responseOf(loginAction({ request, params: {}, context: {} }));
}

test("25 simultaneous sign-ins on one account (24 wrong, 1 right): at most 10 are evaluated, the rest are 429 with Retry-After", async () => {
  const db = getDb();
  const user = makeUser(db, { username: "race.target", role: "director", facilityId: makeFacility(db).id, passwordHash: await hashPassword(PASSPHRASE) });
  // The right password is sent last, as an attacker's lucky guess would be.
  const guesses = Array.from({ length: 25 }, (_, i) => (i === 24 ? PASSPHRASE : `sai mật khẩu ${i}`));
  const responses = await Promise.all(guesses.map((password) => postLogin({ intent: "password", username: user.username, password })));
  const statuses = responses.map((r) => r.status);
  const evaluated = statuses.filter((s) => s !== 429);
  expect(evaluated.length).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
  expect(statuses.filter((s) => s === 429).length).toBe(25 - evaluated.length);
  // The lucky last guess was never checked.
  expect(statuses[24]).toBe(429);
  for (const r of responses.filter((r) => r.status === 429)) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
  const attempts = db.select().from(loginAttempts).where(eq(loginAttempts.username, user.username)).all();
  expect(attempts).toHaveLength(evaluated.length);
  expect(attempts.every((a) => !a.success)).toBe(true);
});

test("a TOTP code signs in once: the same code in a second sign-in, or two requests racing with it, get one success", async () => {
  const db = getDb();
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const user = makeUser(db, {
    username: "totp.once",
    role: "director",
    facilityId: makeFacility(db).id,
    passwordHash: await hashPassword(PASSPHRASE),
    totpSecret: secret,
    totpEnabled: true,
  });
  const pending = async () => sessionCookieFrom(await postLogin({ intent: "password", username: user.username, password: PASSPHRASE }))!;
  const code = totpCode(secret, new Date());
  const [a, b] = [await pending(), await pending()];
  const raced = await Promise.all([postLogin({ intent: "code", code }, a), postLogin({ intent: "code", code }, b)]);
  expect(raced.map((r) => r.status).sort()).toEqual([302, 401]);
  const again = await postLogin({ intent: "code", code }, await pending());
  expect(again.status).toBe(401);
  expect(db.select({ step: users.totpLastStep }).from(users).where(eq(users.id, user.id)).get()?.step).toBeGreaterThan(0);
});
