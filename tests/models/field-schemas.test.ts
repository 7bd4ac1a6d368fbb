// The shared field schemas behave the same through Conform's form parse and a plain parse of
// text (query strings, import rows): blank optional fields are absent, text is trimmed,
// numbers may arrive as text, and messages are translation keys.
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { beforeAll, expect, test } from "vitest";
import { agreementSchema } from "~/models/agreements/schemas";
import { courseFiltersFromUrl } from "~/models/courses/schemas";
import {
  checkbox,
  id,
  LIMITS,
  optionalCheckbox,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalText,
  requiredNumber,
  requiredText,
  version,
} from "~/models/fields";
import { staffSchema } from "~/models/staff/schemas";
import { UpdateUserSchema } from "~/models/users/schemas";
import { installZodMessages } from "~/utils/zod-messages";

beforeAll(() => installZodMessages());

const messageOf = (result: z.SafeParseReturnType<unknown, unknown>) => (result.success ? null : result.error.issues[0]?.message);

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

test("required text is trimmed; blank or spaces is 'required', over the limit 'too long'", () => {
  const title = requiredText(LIMITS.title);
  expect(title.parse("  Hợp đồng  ")).toBe("Hợp đồng");
  expect(messageOf(title.safeParse("   "))).toBe("common:validation.required");
  expect(messageOf(title.safeParse(undefined))).toBe("common:validation.required");
  expect(messageOf(title.safeParse("x".repeat(LIMITS.title + 1)))).toBe("common:validation.tooLong");
  expect(title.safeParse("x".repeat(LIMITS.title)).success).toBe(true);
});

test("optional text: blank or only spaces is absent, never an empty string", () => {
  const notes = optionalText(LIMITS.notes);
  expect(notes.parse(undefined)).toBeUndefined();
  expect(notes.parse("")).toBeUndefined();
  expect(notes.parse("   ")).toBeUndefined();
  expect(notes.parse(" a ")).toBe("a");
  expect(messageOf(notes.safeParse("x".repeat(LIMITS.notes + 1)))).toBe("common:validation.tooLong");
});

test("numbers and ids read text as Conform does; blank is 'required' or absent, never 0", () => {
  expect(id.parse("12")).toBe(12);
  expect(id.parse(12)).toBe(12);
  expect(messageOf(id.safeParse(""))).toBe("common:validation.required");
  expect(messageOf(id.safeParse(undefined))).toBe("common:validation.required");
  expect(messageOf(id.safeParse("abc"))).toBe("common:validation.invalid");
  expect(messageOf(id.safeParse("0"))).toBe("common:validation.positive");
  expect(messageOf(id.safeParse("1.5"))).toBe("common:validation.notInteger");
  expect(id.safeParse("1e300").success).toBe(false);
  expect(optionalId.parse("")).toBeUndefined();
  expect(optionalId.parse(" ")).toBeUndefined();
  expect(optionalId.parse("7")).toBe(7);
  const cases = requiredNumber((n) => n.int().min(0).max(1000));
  expect(messageOf(cases.safeParse("Infinity"))).toBe("common:validation.invalid");
  expect(version.parse("3")).toBe(3);
  expect(messageOf(version.safeParse(""))).toBe("common:validation.required");
});

test("checkboxes: ticked is true; an unticked box (absent) is false, or undefined where absence means 'as before'", () => {
  expect(checkbox.parse("on")).toBe(true);
  expect(checkbox.parse(undefined)).toBe(false);
  expect(checkbox.parse(true)).toBe(true);
  expect(optionalCheckbox.parse(undefined)).toBeUndefined();
  expect(optionalCheckbox.parse("on")).toBe(true);
});

test("optional dates and e-mails: blank is absent, not an invalid value", () => {
  expect(optionalDate.parse("")).toBeUndefined();
  expect(optionalDate.parse("05/03/2026")).toBe("2026-03-05");
  expect(messageOf(optionalDate.safeParse("30/02/2026"))).toBe("common:validation.invalidDate");
  const email = optionalEmail();
  expect(email.parse("  ")).toBeUndefined();
  expect(email.parse(" a@b.vn ")).toBe("a@b.vn");
  expect(messageOf(email.safeParse("not-an-address"))).toBe("common:validation.email");
});

test("through Conform: spaces in an optional field are absent; numbers and versions from the form's text", () => {
  const submission = parseWithZod(
    form({ number: "126/HĐ", title: " Hợp đồng ", type: "technique_transfer", startOn: "01/02/2026", notes: "   ", version: "4", "chapters[0]": "10" }),
    { schema: agreementSchema },
  );
  expect(submission.status).toBe("success");
  if (submission.status !== "success") return;
  expect(submission.value.title).toBe("Hợp đồng");
  expect(submission.value.notes).toBeUndefined();
  expect(submission.value.version).toBe(4);
  expect(submission.value.chapters).toEqual([10]);
  expect(submission.value.minRotationMonths).toBeGreaterThan(0);

  const user = parseWithZod(form({ intent: "save", version: "", displayName: "  " , role: "admin" }), { schema: UpdateUserSchema });
  expect(user.status).toBe("error");
  if (user.status !== "error") return;
  expect(user.error?.version).toEqual(["common:validation.required"]);
  expect(user.error?.displayName).toEqual(["common:validation.required"]);
});

test("a plain parse (an import row) reads the same as the form: blank e-mail absent, text chapter a number", () => {
  const row = staffSchema.parse({ fullName: " Nguyễn Văn A ", cadre: "doctor", email: " ", chapterNumber: "10" });
  expect(row).toMatchObject({ fullName: "Nguyễn Văn A", cadre: "doctor", chapterNumber: 10 });
  expect(row.email).toBeUndefined();
  expect(row.active).toBeUndefined();
});

test("list filters from a URL: a blank or unreadable value is no filter", () => {
  const filters = courseFiltersFromUrl(new URL("http://x/courses?q=%20&host=abc&chapter=10&from=01%2F02%2F2026"));
  expect(filters).toEqual({ chapter: 10, from: "2026-02-01" });
});
