import { z } from "zod";
import { expect, test } from "vitest";
import { SignInSchema } from "~/models/auth/schemas";
import { agreementSchema, MAX_PARTY_ROWS } from "~/models/agreements/schemas";
import { attendanceSheetSchema } from "~/models/courses/schemas";
import { cutToSchema, DEFAULT_LIST_MAX, fieldVerdict, pathOf } from "~/utils/form-shape";
import { byIntent, parseForm } from "~/utils/form.server";
import { readFormData, readUpload } from "~/utils/request-body.server";

const post = (body: BodyInit | null, type: string | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers: { ...(type ? { "Content-Type": type } : {}), ...headers } });

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

test("field names become paths; names that are not paths are null", () => {
  expect(pathOf("parties[2].role")).toEqual(["parties", 2, "role"]);
  expect(pathOf("score.17")).toEqual(["score", "17"]);
  expect(pathOf("ids[]")).toEqual(["ids", ""]);
  expect(pathOf("a[b]")).toBeNull();
  expect(pathOf("[0]")).toBeNull();
  expect(pathOf("a..b")).toBeNull();
});

test("a list index at or above the schema's maximum is out of range, below it kept; unknown and prototype names dropped", () => {
  expect(fieldVerdict(agreementSchema, `parties[${MAX_PARTY_ROWS - 1}].role`)).toBe("keep");
  expect(fieldVerdict(agreementSchema, `parties[${MAX_PARTY_ROWS}].role`)).toBe("outOfRange");
  expect(fieldVerdict(agreementSchema, "chapters[999999999]")).toBe("outOfRange");
  expect(fieldVerdict(agreementSchema, "chapters")).toBe("keep");
  expect(fieldVerdict(agreementSchema, "x[999999999]")).toBe("outOfRange");
  expect(fieldVerdict(agreementSchema, "nonsense")).toBe("drop");
  expect(fieldVerdict(agreementSchema, "title.nested")).toBe("drop");
  expect(fieldVerdict(agreementSchema, "parties.role")).toBe("drop");
  // Lists without a maximum in their schema still have one.
  expect(fieldVerdict(attendanceSheetSchema, `rows[${DEFAULT_LIST_MAX - 1}]`)).toBe("keep");
  expect(fieldVerdict(attendanceSheetSchema, `rows[${DEFAULT_LIST_MAX}]`)).toBe("outOfRange");
  // An open record (scores by enrolment) takes any key but the prototype's.
  expect(fieldVerdict(attendanceSheetSchema, "score.42")).toBe("keep");
  for (const name of ["score.__proto__", "__proto__", "constructor", "constructor.prototype", "__proto__.polluted", "__intent__", "__state__"]) {
    expect(fieldVerdict(attendanceSheetSchema, name), name).toBe("drop");
  }
});

test("a discriminated union reads the fields of all its branches and nothing else", () => {
  const form = new FormData();
  for (const [k, v] of [["intent", "password"], ["username", "a"], ["password", "b"], ["code", "1"], ["redirectTo", "/"], ["extra", "x"], ["__proto__", "y"]]) form.append(k, v);
  const kept = [...cutToSchema(form, SignInSchema).form.keys()];
  expect(kept).toEqual(["intent", "username", "password", "code", "redirectTo"]);
});

test("the 40-byte body that froze the server is refused in milliseconds, and the reply echoes only the form's fields", async () => {
  const started = performance.now();
  expect(await statusOf(parseForm(post("intent=password&x%5B999999999%5D=1", "application/x-www-form-urlencoded"), SignInSchema))).toBe(400);
  // Was 40 s; a generous bound for a loaded machine.
  expect(performance.now() - started).toBeLessThan(500);
  const submission = await parseForm(post("intent=password&username=a&unknown=secret&nested.deep=1", "application/x-www-form-urlencoded"), SignInSchema);
  expect(submission.status).toBe("error");
  expect(JSON.stringify(submission.reply())).not.toMatch(/secret|nested|unknown/);
});

test("only form bodies are forms: JSON, text and unknown types are 415, an empty bodiless post an empty form", async () => {
  expect(await statusOf(readFormData(post('{"a":1}', "application/json")))).toBe(415);
  expect(await statusOf(readFormData(post("a=1", "text/plain")))).toBe(415);
  expect(await statusOf(readFormData(post(new Uint8Array([1, 2, 3]), "application/octet-stream")))).toBe(415);
  expect([...(await readFormData(post(null, null))).keys()]).toEqual([]);
  expect(await statusOf(readFormData(post("--b\r\nbroken", "multipart/form-data; boundary=b")))).toBe(400);
  expect(await statusOf(readFormData(post("--b\r\n", "multipart/form-data")))).toBe(400);
});

test("bodies are bounded in bytes (declared or not) and in fields", async () => {
  const big = `a=${"x".repeat(300 * 1024)}`;
  expect(await statusOf(readFormData(post(big, "application/x-www-form-urlencoded")))).toBe(413);
  expect(await statusOf(readFormData(post("a=1", "application/x-www-form-urlencoded", { "Content-Length": String(10 ** 9) })))).toBe(413);
  // A stream that never says its length is cut at the limit.
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode("a=" + "x".repeat(64 * 1024) + "&"));
    },
  });
  const streamed = new Request("http://localhost/x", { method: "POST", body: stream, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
  expect(await statusOf(readFormData(streamed))).toBe(413);
  const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&");
  expect(await statusOf(readFormData(post(many, "application/x-www-form-urlencoded")))).toBe(413);
  expect(await statusOf(readFormData(post(`${"n".repeat(300)}=1`, "application/x-www-form-urlencoded")))).toBe(400);
});

test("invalid UTF-8 is read as replacement characters, as browsers do", async () => {
  const body = new Uint8Array([...new TextEncoder().encode("name="), 0xff, 0xfe, 0xc3, 0x28]);
  const form = await readFormData(post(body, "application/x-www-form-urlencoded"));
  expect(form.get("name")).toBe("\uFFFD\uFFFD\uFFFD(");
});

test("an upload keeps a file name with any character; too large is 413 before reading, not multipart 415", async () => {
  const form = new FormData();
  form.set("title", "Phụ lục");
  form.set("file", new File(["%PDF-1.7"], 'HĐ 126; phụ lục="2".pdf', { type: "application/pdf" }));
  const request = new Request("http://localhost/x", { method: "POST", body: form });
  const upload = await readUpload(request, { maxBytes: 1024 });
  expect(upload.file?.name).toBe('HĐ 126; phụ lục="2".pdf');
  expect(new TextDecoder().decode(upload.file!.bytes)).toBe("%PDF-1.7");
  expect(upload.fields.get("title")).toBe("Phụ lục");

  const large = new FormData();
  large.set("file", new File([new Uint8Array(4096)], "a.pdf"));
  expect(await statusOf(readUpload(new Request("http://localhost/x", { method: "POST", body: large }), { maxBytes: 1024 }))).toBe(413);
  expect(await statusOf(readUpload(post("a=1", "application/x-www-form-urlencoded"), { maxBytes: 1024 }))).toBe(415);
  const none = new FormData();
  none.set("title", "x");
  expect((await readUpload(new Request("http://localhost/x", { method: "POST", body: none }), { maxBytes: 1024 })).file).toBeNull();
});

test("intent tables answer only their own keys", () => {
  const table = { move: z.object({}), case: z.object({}) };
  expect(byIntent(table, "move")).toBe(table.move);
  for (const intent of ["__proto__", "constructor", "toString", "hasOwnProperty", "", null]) expect(byIntent(table, intent)).toBeNull();
  expect(byIntent(table, new File([], "move"))).toBeNull();
});
