// Hostile input against every route module under app/routes: huge list indexes, bodies that
// are not forms, prototype keys, odd file names, huge numbers, invalid UTF-8, 1 MB fields.
// Every answer is below 500, comes within a second, and leaves the database as it was.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { signInTiming } from "~/models/auth/sign-in.server";
import { authedRequest, cookieFor, createSignedInUser, TEST_ORIGIN } from "../helpers/auth";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeTransferWorld } from "../helpers/agreements";
import { makeStaff } from "../helpers/factories";
import { call, useTemporaryUploadsDir } from "../helpers/routes";

signInTiming.sleep = async () => {};
useTemporaryUploadsDir("hostile-uploads-");

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
/**
 * Routes allowed to parse uploads with Remix's multipart parser instead of `readUpload`
 * (app/utils/request-body.server.ts). Empty: that parser answered 500 on `;` in a file name and on
 * non-form bodies, so every upload goes through the bounded reader.
 */
const AWAITING_READ_UPLOAD = new Set<string>([]);
const MAX_MS = 1000;

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type Route = { file: string; module: RouteModule; params: Record<string, string>; url: string };

/** `agreements.$id.items.$itemId_.edit.tsx` → /agreements/:id/items/:itemId/edit with the fixture's ids. */
function urlOf(file: string, ids: (route: string, param: string) => string) {
  const name = file.replace(/\.tsx?$/, "");
  const params: Record<string, string> = {};
  const segments = name
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .map((s) => s.replace(/\u0000/g, "."))
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (s === "$") return (params["*"] = "x");
      if (s.startsWith("$")) return (params[s.slice(1)] = ids(name, s.slice(1)));
      return s;
    });
  return { params, url: `/${segments.join("/")}` };
}

const routes: Route[] = [];
let cookies: { label: string; cookie: string }[] = [];
let fixture: { agreementId: number; itemId: number; courseId: number; otherFacilityId: number; directorCookie: string };

beforeAll(async () => {
  const db = getDb();
  const world = makeTransferWorld(db);
  const item = world.item();
  const trainer = makeActor(db, "trainer", world.hub.id);
  const course = makeCourse(db, trainer);
  const person = makeStaff(db, { facilityId: world.hub.id });
  const admin = await createSignedInUser(db, { role: "admin" });
  const ids = (route: string, param: string): string => {
    if (param === "itemId") return String(item.id);
    if (param === "courseId") return String(course.id);
    if (param === "staffId") return String(person.id);
    if (param === "userId") return String(admin.user.id);
    if (param === "code") return world.hipReplacement.code;
    if (param === "number") return "CC-2026-000001";
    if (route.startsWith("agreements")) return String(world.agreement.id);
    if (route.startsWith("facilities")) return String(world.hub.id);
    if (route.startsWith("staff")) return String(person.id);
    return "1";
  };
  for (const file of fs.readdirSync(ROUTES_DIR).sort()) {
    const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteModule;
    routes.push({ file, module, ...urlOf(file, ids) });
  }
  cookies = [
    { label: "admin", cookie: admin.cookie },
    { label: "director", cookie: await cookieFor(db, world.director.userId) },
    { label: "trainer", cookie: await cookieFor(db, trainer.userId) },
  ];
  fixture = {
    agreementId: world.agreement.id,
    itemId: item.id,
    courseId: course.id,
    otherFacilityId: world.elsewhere.id,
    directorCookie: cookies[1].cookie,
  };
  expect(routes.length).toBeGreaterThan(60);
}, 120_000);

/** Row counts of every table but the session table (signing in reads and touches it). */
function counts(): Record<string, number> {
  const db = getDb();
  const tables = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
  return Object.fromEntries(
    tables.filter((t) => t.name !== "sessions").map((t) => [t.name, db.get<{ n: number }>(sql.raw(`select count(*) as n from "${t.name}"`))!.n]),
  );
}

type Probe = { label: string; request: () => Request; params?: Record<string, string> };

/** Runs the probes against the route's loader or action; returns what went wrong, one line each. */
async function probe(route: Route, kind: "loader" | "action", probes: Probe[]): Promise<string[]> {
  const fn = route.module[kind];
  if (!fn) return [];
  const problems: string[] = [];
  const before = counts();
  for (const probe of probes) {
    const where = `${kind} ${route.file} ${probe.label}`;
    const started = performance.now();
    try {
      const status = (await call(fn, { request: probe.request(), params: probe.params ?? route.params })).status;
      if (status >= 500) problems.push(`${where}: ${status}`);
    } catch (error) {
      problems.push(`${where}: threw ${String(error).slice(0, 200)}`);
    }
    const ms = performance.now() - started;
    if (ms > MAX_MS) problems.push(`${where}: took ${Math.round(ms)} ms`);
  }
  const after = counts();
  for (const [table, n] of Object.entries(after)) if (before[table] !== n) problems.push(`${kind} ${route.file}: ${table} ${before[table]} -> ${n}`);
  return problems;
}

const MEGABYTE = "a".repeat(1024 * 1024);
const INTENTS = ["", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "password", "code", "attendance", "accept", "sessions"];
const HUGE_KEYS = ["x[999999999]", "rows[999999999]", "present[99999999]", "sessions[999999999].topic", "parties[100000000].role", "staffIds[999999999]", "chapters[1000000]", "transferItemIds[99999999]"];

function formRequest(url: string, cookie: string | null, body: BodyInit, contentType: string | null) {
  const headers: Record<string, string> = {};
  if (contentType) headers["Content-Type"] = contentType;
  return new Request(new URL(url, TEST_ORIGIN), { method: "POST", body, headers: { ...headers, Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}) } });
}

function multipart(fileName: string, extra = "") {
  const boundary = "----hostile7MA4YWxkTrZu0gW";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHĐ 126\r\n`),
    Buffer.from(extra),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\nnot a pdf\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

function actionProbes(url: string, cookie: string | null): Probe[] {
  const urlencoded = "application/x-www-form-urlencoded";
  const probe = (label: string, body: () => BodyInit, type: string | null = urlencoded): Probe => ({
    label,
    request: () => formRequest(url, cookie, body(), type),
  });
  const probes: Probe[] = [];
  for (const intent of INTENTS) {
    const huge = HUGE_KEYS.map((k) => `${encodeURIComponent(k)}=1`).join("&");
    probes.push(probe(`huge indexes, intent=${intent}`, () => `intent=${intent}&${huge}`));
    probes.push(probe(`prototype keys, intent=${intent}`, () => `intent=${encodeURIComponent(intent)}&__proto__%5Bx%5D=1&constructor%5Bprototype%5D%5By%5D=1&__proto__.polluted=1`));
  }
  const odd = ["HĐ 126; phụ lục.pdf", "a=b.pdf", 'q"uote.pdf', "..\\..\\etc\\passwd.pdf", "x%22; name=\"title\".pdf", "\u202Egnp.pdf"];
  for (const name of odd) {
    const m = multipart(name);
    probes.push(probe(`multipart file name ${name}`, () => m.body, m.type));
  }
  const many = multipart("a.pdf", Array.from({ length: 3000 }, (_, i) => `------hostile7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n1\r\n`).join(""));
  probes.push(
    probe("JSON body", () => JSON.stringify({ intent: "password", username: "admin" }), "application/json"),
    probe("text/plain body", () => "intent=password&username=admin", "text/plain"),
    probe("garbage bytes", () => new Uint8Array([0xff, 0x00, 0xfe, 0x13, 0x37]), "application/octet-stream"),
    probe("no content type", () => "intent=password", null),
    probe("multipart without boundary", () => "--x\r\n\r\n", "multipart/form-data"),
    probe("broken multipart", () => "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", "multipart/form-data; boundary=b"),
    probe("thousands of multipart parts", () => many.body, many.type),
    probe("invalid UTF-8", () => Buffer.concat([Buffer.from("intent=password&username="), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("&title=%FF%FE%C3%28")])),
    probe("a 1 MB field", () => `intent=password&username=${MEGABYTE}&title=${MEGABYTE}`),
    probe("5,000 fields", () => Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join("&")),
    probe("conform control fields", () => "__intent__=%7Bbroken&__state__=%5B%5B%5B"),
    probe("conform list intent", () => `__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "rows", index: 999999999 } }))}`),
    probe("redirect with CR", () => "intent=password&redirectTo=%2F%0D%2Fx&locale=en"),
    probe("redirect with tab", () => "redirectTo=%2F%09%2Fevil.example&locale=vi"),
  );
  return probes;
}

const HUGE = "99999999999999999999";
const QUERIES = [
  `page=${HUGE}&size=${HUGE}&epage=${HUGE}`,
  "page=1e309&size=-1e309&epage=1e309&year=1e309&month=9999999-99",
  `facility=${HUGE}&staff=${HUGE}&agreement=${HUGE}&host=${HUGE}&chapter=${HUGE}&transferItemId=${HUGE}&toFacilityId=${HUGE}&from=${HUGE}&to=${HUGE}&year=${HUGE}`,
  "facility=1e309&staff=1e309&agreement=-1&chapter=0x10&year=-5&province=__proto__&status=__proto__&role=constructor&metric=__proto__&kind=__proto__&period=__proto__",
  "q=%FF%FE%C3%28&number=%FF&technique=%C0%AF&redirectTo=%2F%0d%2Fx&startOn=%FF&endOn=9999-99-99",
  `q=${"thay khop hang ".repeat(500)}&staffQ=${"a ".repeat(3000)}`,
  "__proto__[x]=1&constructor[prototype][y]=1&page[]=1&facility[999999999]=1",
  "redirectTo=%2F%09%2Fevil.example",
];

function loaderProbes(route: Route, cookie: string | null): Probe[] {
  const probes: Probe[] = QUERIES.map((q) => ({ label: `?${q.slice(0, 60)}`, request: () => authedRequest(`${route.url}?${q}`, { cookie }) }));
  for (const key of Object.keys(route.params)) {
    for (const value of [HUGE, "1e309", "-1", "__proto__", "constructor", "\uFFFD\uFFFD", "0x10", " 1"]) {
      probes.push({ label: `${key}=${value}`, request: () => authedRequest(route.url, { cookie }), params: { ...route.params, [key]: value } });
    }
  }
  return probes;
}

test("every loader answers hostile query strings and route parameters below 500, within a second, changing nothing", async () => {
  const problems: string[] = [];
  for (const route of routes) {
    for (const { cookie } of [...cookies, { label: "anonymous", cookie: "" }]) {
      problems.push(...(await probe(route, "loader", loaderProbes(route, cookie || null))));
    }
  }
  expect(problems).toEqual([]);
}, 600_000);

test("every action answers hostile bodies below 500, within a second, changing nothing", async () => {
  const problems: string[] = [];
  for (const route of routes.filter((r) => !AWAITING_READ_UPLOAD.has(r.file))) {
    // Signing out is a change by design; it is probed without a session.
    const who = route.file.startsWith("logout") ? [{ label: "anonymous", cookie: "" }] : [...cookies, { label: "anonymous", cookie: "" }];
    for (const { cookie } of who) {
      problems.push(...(await probe(route, "action", actionProbes(route.url, cookie || null))));
    }
  }
  expect(problems).toEqual([]);
}, 600_000);

test("the 40-byte sign-in body that froze the server is a 400 in milliseconds", async () => {
  const login = routes.find((r) => r.file === "login.tsx")!;
  const started = performance.now();
  const response = await call(login.module.action!, {
    request: formRequest("/login", null, "intent=password&x%5B999999999%5D=1", "application/x-www-form-urlencoded"),
  });
  const ms = performance.now() - started;
  expect(response.status).toBe(400);
  expect(ms).toBeLessThan(500);
  // The reply echoes no field the form does not have.
  expect(await response.text()).not.toContain("999999999");
});

test("no route is exempt from the probes: every upload goes through the bounded reader", () => {
  expect([...AWAITING_READ_UPLOAD]).toEqual([]);
});

function route(file: string): Route {
  return routes.find((r) => r.file === file)!;
}

test("the cases the probe found: prototype intents 400, another facility's credits 403, huge page numbers a page, a CR redirect home", async () => {
  const { agreementId, itemId, courseId, otherFacilityId, directorCookie: cookie } = fixture;
  const admin = cookies[0].cookie;
  for (const intent of ["__proto__", "constructor", "toString"]) {
    const items = await call(route("agreements.$id.items.$itemId.tsx").module.action!, {
      request: authedRequest(`/agreements/${agreementId}/items/${itemId}`, { cookie, form: { intent } }),
      params: { id: String(agreementId), itemId: String(itemId) },
    });
    expect(items.status).toBe(400);
    const courses = await call(route("courses.$courseId._index.tsx").module.action!, {
      request: authedRequest(`/courses/${courseId}`, { cookie: admin, form: { intent } }),
      params: { courseId: String(courseId) },
    });
    expect(courses.status).toBe(400);
  }
  const credits = await call(route("credits._index.tsx").module.loader!, { request: authedRequest(`/credits?facility=${otherFacilityId}`, { cookie }) });
  expect(credits.status).toBe(403);
  for (const file of ["agreements._index.tsx", "staff._index.tsx", "courses._index.tsx", "rotations._index.tsx", "facilities._index.tsx", "techniques._index.tsx", "targets._index.tsx"]) {
    for (const page of ["99999999999999999999", "1e309"]) {
      const list = await call(route(file).module.loader!, { request: authedRequest(`/x?page=${page}`, { cookie: admin }) });
      expect(list.status, `${file} page=${page}`).toBe(200);
    }
  }
  const login = await call(route("login.tsx").module.loader!, { request: authedRequest("/login?redirectTo=/%0d/x", { cookie: admin }) });
  expect(login.headers.get("Location")).toBe("/");
  const locale = await call(route("locale.tsx").module.action!, {
    request: authedRequest("/locale", { form: { locale: "en", redirectTo: "/\t/evil.example" } }),
  });
  expect(locale.headers.get("Location")).toBe("/");
});

test("a document whose name holds `;`, `=` and Vietnamese is stored under that name", async () => {
  const { agreementId, directorCookie: cookie } = fixture;
  const form = new FormData();
  form.set("title", "Phụ lục hợp đồng");
  form.set("file", new File([new TextEncoder().encode("%PDF-1.7 phụ lục")], "HĐ 126; phụ lục=2.pdf", { type: "application/pdf" }));
  const response = await call(route("agreements.$id.documents.new.tsx").module.action!, {
    request: authedRequest(`/agreements/${agreementId}/documents/new`, { cookie, form }),
    params: { id: String(agreementId) },
  });
  expect(response.status).toBe(302);
  const row = getDb().get<{ file_name: string }>(sql`select file_name from agreement_documents order by id desc limit 1`);
  expect(row?.file_name).toBe("HĐ 126; phụ lục=2.pdf");
});
