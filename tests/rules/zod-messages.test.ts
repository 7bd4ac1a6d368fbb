import { expect, test } from "vitest";
import { z } from "zod";
import { i18nFor } from "~/i18n/i18n";
import { translateMessage } from "~/utils/messages";
import { installZodMessages } from "~/utils/zod-messages";

installZodMessages();

const schema = z.object({
  name: z.string().trim().min(1).max(5),
  code: z.string().min(3),
  chapter: z.coerce.number().int().min(1).max(28).optional(),
  count: z.coerce.number().positive(),
  role: z.enum(["admin", "viewer"]),
  email: z.string().email().optional(),
});

function messages(input: Record<string, unknown>) {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

test("zod's default messages become translation keys, shown in the user's language", () => {
  const errors = messages({ name: "   ", code: "ab", chapter: "99", count: "-1", role: "root", email: "nope" });
  expect(errors).toEqual({
    name: "common:validation.required",
    code: 'common:validation.tooShort|{"minimum":3}',
    chapter: 'common:validation.tooBig|{"maximum":28}',
    count: "common:validation.positive",
    role: "common:validation.invalidChoice",
    email: "common:validation.email",
  });
  const vi = i18nFor("vi").t;
  const en = i18nFor("en").t;
  expect(translateMessage(vi, errors.chapter)).toBe("Giá trị không được lớn hơn 28.");
  expect(translateMessage(en, errors.code)).toBe("At least 3 characters are needed.");
  expect(messages({ name: "x".repeat(6), code: "abc", count: "1.5", role: "admin", chapter: "2.5" })).toEqual({
    name: "common:validation.tooLong",
    chapter: "common:validation.notInteger",
  });
});

test("a message a schema words itself is kept", () => {
  const own = z.object({ title: z.string().min(1, "courses:errors.capacity") });
  const result = own.safeParse({ title: "" });
  expect(result.success ? null : result.error.issues[0].message).toBe("courses:errors.capacity");
});
