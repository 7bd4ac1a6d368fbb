// Forms of sign-in and account security; messages are translation keys.
import { z } from "zod";
import { LIMITS, TOO_LONG } from "~/models/fields";

export const PasswordSignInSchema = z.object({
  intent: z.literal("password"),
  username: z.string({ required_error: "auth:signIn.usernameRequired" }).trim().min(1).max(LIMITS.personName),
  // Not trimmed and not length-limited below: a passphrase is taken whole, spaces included.
  password: z.string({ required_error: "auth:signIn.passwordRequired" }).min(1).max(LIMITS.password, TOO_LONG),
  redirectTo: z.string().optional(),
});

export const CodeSignInSchema = z.object({
  intent: z.literal("code"),
  code: z.string({ required_error: "auth:signIn.codeRequired" }).trim().min(6, "auth:signIn.wrongCode").max(20, "auth:signIn.wrongCode"),
  redirectTo: z.string().optional(),
});

export const SignInSchema = z.discriminatedUnion("intent", [
  PasswordSignInSchema,
  CodeSignInSchema,
  z.object({ intent: z.literal("cancel") }),
]);

export const TotpCodeSchema = z.object({
  intent: z.enum(["start", "confirm", "disable", "regenerate"]),
  code: z.string().trim().max(20).optional(),
});
