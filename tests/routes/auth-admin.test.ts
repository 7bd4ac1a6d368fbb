import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { auditEvents, rolePolicies, sessions, users } from "~/db/schema";
import { SESSION_IDLE_MS } from "~/models/auth/session.server";
import { ROLES, type Role } from "~/models/enums";
import { loader as hubLoader } from "~/routes/admin._index";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as policiesAction, loader as policiesLoader } from "~/routes/admin.policies";
import { action as editAction, loader as editLoader } from "~/routes/admin.users.$userId";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { action as newAction } from "~/routes/admin.users.new";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince, makeUser } from "../helpers/factories";

const db = () => getDb();
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function signedIn(role: Role, scope: { facilityId?: number; provinceCode?: string } = {}) {
  return createSignedInUser(db(), { role, ...scope });
}

function auditCount() {
  return db().select().from(auditEvents).all().length;
}

test("each role reaches exactly the admin pages it may: users and policies for administrators, audit also for departments", async () => {
  const expected: Record<Role, { users: number; policies: number; audit: number; hub: number }> = {
    admin: { users: 200, policies: 200, audit: 200, hub: 200 },
    department: { users: 403, policies: 403, audit: 200, hub: 200 },
    director: { users: 403, policies: 403, audit: 403, hub: 403 },
    trainer: { users: 403, policies: 403, audit: 403, hub: 403 },
    viewer: { users: 403, policies: 403, audit: 403, hub: 403 },
  };
  for (const role of ROLES) {
    const { cookie } = await signedIn(role);
    const get = (path: string) => authedRequest(path, { cookie });
    const statuses = {
      users: (await responseOf(usersLoader(args(get("/admin/users"))))).status,
      policies: (await responseOf(policiesLoader(args(get("/admin/policies"))))).status,
      audit: (await responseOf(auditLoader(args(get("/admin/audit"))))).status,
      hub: (await responseOf(hubLoader(args(get("/admin"))))).status,
    };
    expect(statuses, role).toEqual(expected[role]);
  }
});

test("only an administrator creates accounts; a director's attempt is 403 and creates nothing", async () => {
  const facility = makeFacility(db(), { code: "HOSP-NEW" });
  const form = { username: "gd.hospnew", displayName: "Giám đốc mới", password: "mật khẩu mười ký tự", role: "director", facilityCode: "HOSP-NEW" };
  const director = await signedIn("director", { facilityId: facility.id });
  const refused = await responseOf(newAction(args(authedRequest("/admin/users/new", { cookie: director.cookie, form }))));
  expect(refused.status).toBe(403);
  expect(db().select().from(users).where(eq(users.username, "gd.hospnew")).get()).toBeUndefined();

  const admin = await signedIn("admin");
  const created = await responseOf(newAction(args(authedRequest("/admin/users/new", { cookie: admin.cookie, form }))));
  expect(created.status).toBe(302);
  const row = db().select().from(users).where(eq(users.username, "gd.hospnew")).get()!;
  expect(created.headers.get("Location")).toBe(`/admin/users/${row.id}`);
  expect(row).toMatchObject({ role: "director", facilityId: facility.id });
});

test("a director of hospital B posting an edit to hospital A's user by id gets 403; record and audit trail unchanged", async () => {
  const hospitalA = makeFacility(db());
  const hospitalB = makeFacility(db());
  const userOfA = makeUser(db(), { role: "trainer", facilityId: hospitalA.id, displayName: "Người của bệnh viện A" });
  const directorB = await signedIn("director", { facilityId: hospitalB.id });
  const before = auditCount();
  const form = { intent: "save", version: "1", displayName: "Bị sửa trộm", role: "trainer", facilityCode: hospitalB.code };
  const response = await responseOf(
    editAction(args(authedRequest(`/admin/users/${userOfA.id}`, { cookie: directorB.cookie, form }), { userId: String(userOfA.id) })),
  );
  expect(response.status).toBe(403);
  expect(db().select().from(users).where(eq(users.id, userOfA.id)).get()).toEqual(userOfA);
  expect(auditCount()).toBe(before);
  const read = await responseOf(editLoader(args(authedRequest(`/admin/users/${userOfA.id}`, { cookie: directorB.cookie }), { userId: String(userOfA.id) })));
  expect(read.status).toBe(403);
});

test("an administrator's stale save answers 409 naming what changed, and overwrites nothing", async () => {
  const province = makeProvince(db());
  const target = makeUser(db(), { role: "department", provinceCode: province.code, displayName: "Tên ban đầu" });
  const admin = await signedIn("admin");
  const save = (displayName: string, version: number) =>
    responseOf(
      editAction(
        args(
          authedRequest(`/admin/users/${target.id}`, {
            cookie: admin.cookie,
            form: { intent: "save", version, displayName, role: "department", provinceCode: province.code },
          }),
          { userId: String(target.id) },
        ),
      ),
    );
  const first = await save("Tên do quản trị viên A sửa", 1);
  expect(first.status).toBe(302);
  const before = auditCount();
  const stale = await save("Tên do quản trị viên B sửa", 1);
  expect(stale.status).toBe(409);
  const body = (await stale.json()) as { stale: { changedFields: string[] }; result: { error: Record<string, string[]> } };
  expect(body.stale.changedFields).toEqual(["displayName"]);
  expect(body.result.error[""][0]).toMatch(/^common:stale\.message/);
  expect(db().select().from(users).where(eq(users.id, target.id)).get()?.displayName).toBe("Tên do quản trị viên A sửa");
  expect(auditCount()).toBe(before);
});

test("an administrator ends all of a user's sessions; that user is signed out at once", async () => {
  const victim = await signedIn("viewer");
  const admin = await signedIn("admin");
  const response = await responseOf(
    editAction(args(authedRequest(`/admin/users/${victim.user.id}`, { cookie: admin.cookie, form: { intent: "endSessions" } }), { userId: String(victim.user.id) })),
  );
  expect(response.headers.get("Location")).toBe(`/admin/users/${victim.user.id}?done=endSessions`);
  expect(db().select().from(sessions).where(eq(sessions.userId, victim.user.id)).all()).toHaveLength(0);
  const after = await responseOf(usersLoader(args(authedRequest("/admin/users", { cookie: victim.cookie }))));
  expect(after.status).toBe(302);
});

test("an unknown user id is 404 for an administrator", async () => {
  const admin = await signedIn("admin");
  const response = await responseOf(editLoader(args(authedRequest("/admin/users/999999", { cookie: admin.cookie }), { userId: "999999" })));
  expect(response.status).toBe(404);
});

test("an expired session reads as signed out: GET goes to sign-in, POST gets 401, nothing changes", async () => {
  const longAgo = new Date(Date.now() - SESSION_IDLE_MS - 60_000);
  const admin = await createSignedInUser(db(), { role: "admin", now: longAgo });
  const page = await responseOf(usersLoader(args(authedRequest("/admin/users?q=x", { cookie: admin.cookie }))));
  expect(page.status).toBe(302);
  expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers%3Fq%3Dx");
  const post = await responseOf(policiesAction(args(authedRequest("/admin/policies", { cookie: admin.cookie, form: { role: "viewer", requireTotp: "on" } }))));
  expect(post.status).toBe(401);
  expect(db().select().from(rolePolicies).all()).toHaveLength(0);
});

test("a tampered cookie is treated as signed out", async () => {
  const admin = await signedIn("admin");
  const tampered = admin.cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
  const post = await responseOf(policiesAction(args(authedRequest("/admin/policies", { cookie: tampered, form: { role: "viewer", requireTotp: "on" } }))));
  expect(post.status).toBe(401);
  expect(db().select().from(rolePolicies).all()).toHaveLength(0);
});

test("a cross-origin POST by a signed-in administrator is refused with 403 and changes nothing", async () => {
  const admin = await signedIn("admin");
  const before = auditCount();
  const evil = await responseOf(
    policiesAction(args(authedRequest("/admin/policies", { cookie: admin.cookie, form: { role: "viewer", requireTotp: "on" }, origin: "https://attacker.example" }))),
  );
  expect(evil.status).toBe(403);
  const fetchSite = await responseOf(
    policiesAction(args(authedRequest("/admin/policies", { cookie: admin.cookie, form: { role: "viewer", requireTotp: "on" }, origin: null, headers: { "Sec-Fetch-Site": "cross-site" } }))),
  );
  expect(fetchSite.status).toBe(403);
  expect(db().select().from(rolePolicies).all()).toHaveLength(0);
  expect(auditCount()).toBe(before);
  // The same form from the app itself works and is audited.
  const ok = await responseOf(policiesAction(args(authedRequest("/admin/policies", { cookie: admin.cookie, form: { role: "viewer", requireTotp: "on" } }))));
  expect(ok.status).toBe(200);
  expect(db().select().from(rolePolicies).where(eq(rolePolicies.role, "viewer")).get()?.requireTotp).toBe(true);
  expect(auditCount()).toBe(before + 1);
});

test("the department's audit page lists its province's events, never another province's", async () => {
  const laoCai = makeProvince(db());
  const bacNinh = makeProvince(db());
  const lcDirector = await signedIn("director", { facilityId: makeFacility(db(), { provinceCode: laoCai.code }).id });
  const bnDirector = await signedIn("director", { facilityId: makeFacility(db(), { provinceCode: bacNinh.code }).id });
  const { recordAudit } = await import("~/models/audit/audit.server");
  recordAudit(db(), { userId: lcDirector.user.id, action: "create", entityType: "agreement", entityId: "lc-1", after: { title: "Lào Cai" } });
  recordAudit(db(), { userId: bnDirector.user.id, action: "create", entityType: "agreement", entityId: "bn-1", after: { title: "Bắc Ninh" } });
  const officer = await signedIn("department", { provinceCode: laoCai.code });
  const response = await responseOf(auditLoader(args(authedRequest("/admin/audit?type=agreement", { cookie: officer.cookie }))));
  const data = (await response.json()) as { result: { rows: { entityId: string }[] } };
  expect(data.result.rows.map((r) => r.entityId)).toEqual(["lc-1"]);
});

test("an administrator checks the audit chain on the audit page; a department officer may not", async () => {
  const { recordAudit } = await import("~/models/audit/audit.server");
  recordAudit(db(), { userId: null, action: "create", entityType: "agreement", entityId: "chain-1", after: { title: "A" } });
  const admin = await signedIn("admin");
  const response = await responseOf(auditLoader(args(authedRequest("/admin/audit?verify=1", { cookie: admin.cookie }))));
  const data = (await response.json()) as { canVerify: boolean; chain: { checked: number; broken: unknown } };
  expect(data.canVerify).toBe(true);
  expect(data.chain.checked).toBe(auditCount());
  expect(data.chain.broken).toBeNull();

  const officer = await signedIn("department", { provinceCode: makeProvince(db()).code });
  const refused = await responseOf(auditLoader(args(authedRequest("/admin/audit?verify=1", { cookie: officer.cookie }))));
  expect(refused.status).toBe(403);
  const page = await responseOf(auditLoader(args(authedRequest("/admin/audit", { cookie: officer.cookie }))));
  expect(((await page.json()) as { canVerify: boolean }).canVerify).toBe(false);
});
