// Forms of the user administration pages; messages are translation keys.
import { z } from "zod";
import { roleReach } from "~/models/access/policy";
import { ROLES } from "~/models/enums";

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 1000;

const password = z
  .string({ required_error: "common:validation.required" })
  .min(PASSWORD_MIN, "admin:users.errors.passwordTooShort")
  .max(PASSWORD_MAX, "common:validation.tooLong");

const scopeFields = {
  role: z.enum(ROLES, { required_error: "common:validation.required", invalid_type_error: "common:validation.invalid" }),
  facilityCode: z.string().trim().max(50, "common:validation.tooLong").optional(),
  provinceCode: z.string().trim().max(10, "common:validation.tooLong").optional(),
};

type Scoped = { role: (typeof ROLES)[number]; facilityCode?: string; provinceCode?: string };

/** Facility roles need a facility, department officers a province; the other field is ignored. */
function requireScope(value: Scoped, ctx: z.RefinementCtx) {
  if (roleReach(value.role) === "facility" && !value.facilityCode) {
    ctx.addIssue({ code: "custom", path: ["facilityCode"], message: "admin:users.errors.facilityRequired" });
  }
  if (roleReach(value.role) === "province" && !value.provinceCode) {
    ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "admin:users.errors.provinceRequired" });
  }
}

export const CreateUserSchema = z
  .object({
    username: z
      .string({ required_error: "common:validation.required" })
      .trim()
      .toLowerCase()
      .min(3, "admin:users.errors.usernameFormat")
      .max(64, "admin:users.errors.usernameFormat")
      .regex(/^[a-z0-9._-]+$/, "admin:users.errors.usernameFormat"),
    displayName: z.string({ required_error: "common:validation.required" }).trim().min(1).max(200, "common:validation.tooLong"),
    email: z.string().trim().email("admin:users.errors.email").max(200).optional(),
    password,
    ...scopeFields,
  })
  .superRefine(requireScope);
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    intent: z.literal("save"),
    version: z.coerce.number({ required_error: "common:validation.required" }).int().positive(),
    displayName: z.string({ required_error: "common:validation.required" }).trim().min(1).max(200, "common:validation.tooLong"),
    email: z.string().trim().email("admin:users.errors.email").max(200).optional(),
    ...scopeFields,
  })
  .superRefine(requireScope);
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.object({ intent: z.literal("resetPassword"), password });

export const SimpleUserActionSchema = z.object({
  intent: z.enum(["deactivate", "activate", "endSessions"]),
});

export const RolePolicySchema = z.object({
  role: z.enum(ROLES),
  requireTotp: z.enum(["on", "off"]).transform((v) => v === "on"),
});
