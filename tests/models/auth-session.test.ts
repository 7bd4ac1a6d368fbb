import { expect, test } from "vitest";
import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { sessions } from "~/db/schema";
import {
  assertSameOrigin,
  commitSessionCookie,
  createSession,
  getActor,
  requireActor,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "~/models/auth/session.server";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { createTestDb } from "../helpers/db";
import { makeFacility } from "../helpers/factories";

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

test("a signed-in director is an actor of their facility and its province", async () => {
  const db = createTestDb();
  const facility = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Thử" });
  const { user, cookie } = await createSignedInUser(db, { role: "director", facilityId: facility.id });
  const actor = await getActor(authedRequest("/", { cookie }), { db });
  expect(actor).toMatchObject({
    userId: user.id,
    role: "director",
    facilityId: facility.id,
    provinceCode: facility.provinceCode,
    facilityName: "Bệnh viện Đa khoa tỉnh Thử",
    username: user.username,
  });
});

test("a session idle for 30 minutes is over, and so is one 12 hours old however busy", async () => {
  const db = createTestDb();
  const start = new Date("2025-03-01T08:00:00Z");
  const { cookie } = await createSignedInUser(db, { role: "viewer", now: start });
  const justBefore = new Date(start.getTime() + SESSION_IDLE_MS - 1000);
  expect(await getActor(authedRequest("/", { cookie }), { db, now: justBefore })).not.toBeNull();
  // The request above counted as activity; 30 minutes after it the session ends.
  expect(await getActor(authedRequest("/", { cookie }), { db, now: new Date(justBefore.getTime() + SESSION_IDLE_MS) })).toBeNull();
  expect(db.select().from(sessions).all()).toHaveLength(0);

  const second = await createSignedInUser(db, { role: "viewer", now: start });
  let t = start.getTime();
  while (t + 20 * 60 * 1000 < start.getTime() + SESSION_ABSOLUTE_MS) {
    t += 20 * 60 * 1000;
    expect(await getActor(authedRequest("/", { cookie: second.cookie }), { db, now: new Date(t) })).not.toBeNull();
  }
  expect(
    await getActor(authedRequest("/", { cookie: second.cookie }), { db, now: new Date(start.getTime() + SESSION_ABSOLUTE_MS) }),
  ).toBeNull();
});

test("a tampered or foreign cookie is nobody", async () => {
  const db = createTestDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const [name, value] = cookie.split("=");
  const tampered = `${name}=${value.slice(0, -3)}abc`;
  expect(await getActor(authedRequest("/", { cookie: tampered }), { db })).toBeNull();
  // A real session id signed with another secret is refused too.
  const other = createSession(db, 1);
  const forged = await createCookie("__session", { secrets: ["someone else's secret"] }).serialize(other);
  expect(await getActor(authedRequest("/", { cookie: forged.split(";")[0] }), { db })).toBeNull();
});

test("signed-out reads go to the sign-in page with the way back; signed-out writes get 401", async () => {
  const db = createTestDb();
  const read = await thrown(requireActor(authedRequest("/agreements?page=2"), { db }));
  expect(read.status).toBe(302);
  expect(read.headers.get("Location")).toBe("/login?redirectTo=%2Fagreements%3Fpage%3D2");
  const write = await thrown(requireActor(authedRequest("/agreements", { form: { a: "1" } }), { db }));
  expect(write.status).toBe(401);
});

test("a POST from another origin or marked cross-site is refused with 403 even when signed in", async () => {
  const db = createTestDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const evil = await thrown(requireActor(authedRequest("/admin/users", { cookie, form: {}, origin: "https://evil.example" }), { db }));
  expect(evil.status).toBe(403);
  const site = await thrown(
    requireActor(authedRequest("/admin/users", { cookie, form: {}, headers: { "Sec-Fetch-Site": "cross-site" } }), { db }),
  );
  expect(site.status).toBe(403);
  expect((await requireActor(authedRequest("/admin/users", { cookie, form: {} }), { db })).role).toBe("admin");
});

test("behind a TLS proxy the https origin of the same host is ours, and the cookie is Secure", async () => {
  const request = new Request("http://planner.example/x", {
    method: "POST",
    headers: { Origin: "https://planner.example", "X-Forwarded-Proto": "https", Host: "planner.example" },
  });
  expect(() => assertSameOrigin(request)).not.toThrow();
  const cookie = await commitSessionCookie(request, "abc");
  expect(cookie).toMatch(/Secure/);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(await commitSessionCookie(new Request("http://localhost/"), "abc")).not.toMatch(/Secure/);
});

test("a deactivated user's session ends", async () => {
  const db = createTestDb();
  const { user, cookie } = await createSignedInUser(db, { role: "trainer" });
  const { users } = await import("~/db/schema");
  db.update(users).set({ active: false }).where(eq(users.id, user.id)).run();
  expect(await getActor(authedRequest("/", { cookie }), { db })).toBeNull();
});
