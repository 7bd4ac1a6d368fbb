import { expect, test } from "vitest";
import { sessions } from "~/db/schema";
import { commitSessionCookie, createSession, getActor, hashSessionId } from "~/models/auth/session.server";
import { authedRequest, TEST_ORIGIN } from "../helpers/auth";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

test("the sessions table keeps only the sha-256 of a session id: a copy of the database signs nobody in", async () => {
  const db = createTestDb();
  const user = makeUser(db, { role: "viewer" });
  const sessionId = createSession(db, user.id);
  const [row] = db.select().from(sessions).all();
  expect(row.id).toBe(hashSessionId(sessionId));
  expect(row.id).not.toContain(sessionId);

  const cookieOf = async (id: string) => (await commitSessionCookie(new Request(TEST_ORIGIN), id)).split(";")[0];
  expect(await getActor(authedRequest("/", { cookie: await cookieOf(sessionId) }), { db })).toMatchObject({ userId: user.id });
  // Someone who read the table and signed a cookie with its value (even holding the secret) gets nowhere.
  expect(await getActor(authedRequest("/", { cookie: await cookieOf(row.id) }), { db })).toBeNull();
});
