// Forms of the user administration pages; messages are translation keys.
import { z } from "zod";
import { roleReach } from "~/models/access/policy";
import { ROLES } from "~/models/enums";
import { choice, LIMITS, optionalEmail, optionalText, REQUIRED, requiredText, TOO_LONG, version } from "~/models/fields";

const PASSWORD_MIN = 10;

// Not trimmed: a passphrase is taken whole, spaces included.
const password = z
  .string({ required_error: REQUIRED })
  .min(PASSWORD_MIN, "admin:users.errors.passwordTooShort")
  .max(LIMITS.password, TOO_LONG);

const scopeFields = {
  role: choice(ROLES),
  facilityCode: optionalText(LIMITS.facilityCode),
  provinceCode: optionalText(LIMITS.regionCode),
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
      .string({ required_error: REQUIRED })
      .trim()
      .toLowerCase()
      .min(3, "admin:users.errors.usernameFormat")
      .max(LIMITS.username, "admin:users.errors.usernameFormat")
      .regex(/^[a-z0-9._-]+$/, "admin:users.errors.usernameFormat"),
    displayName: requiredText(LIMITS.personName),
    email: optionalEmail("admin:users.errors.email"),
    password,
    ...scopeFields,
  })
  .superRefine(requireScope);
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    intent: z.literal("save"),
    version,
    displayName: requiredText(LIMITS.personName),
    email: optionalEmail("admin:users.errors.email"),
    ...scopeFields,
  })
  .superRefine(requireScope);
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.object({ intent: z.literal("resetPassword"), password });

export const SimpleUserActionSchema = z.object({
  intent: z.enum(["deactivate", "activate", "endSessions"]),
});

export const RolePolicySchema = z.object({
  role: choice(ROLES),
  requireTotp: z.enum(["on", "off"]).transform((v) => v === "on"),
});
