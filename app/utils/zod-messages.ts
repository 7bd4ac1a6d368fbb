// Zod's built-in messages are English sentences. Every form shows its messages through the
// translation layer, so the issues a schema does not word itself get a translation key here
// ("common:validation.*", with parameters as in utils/messages.ts). Explicit messages in a
// schema always win; this map only replaces zod's defaults. Installed by models/fields.ts,
// components/form.tsx and entry.server.tsx calling installZodMessages() (a bare side-effect
// import would be dropped: package.json declares "sideEffects": false).
import { z, ZodIssueCode, type ZodErrorMap } from "zod";
import { encodeMessage } from "./messages";

export const translatedErrorMap: ZodErrorMap = (issue) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return { message: "common:validation.required" };
      return { message: issue.expected === "integer" ? "common:validation.notInteger" : "common:validation.invalid" };
    case ZodIssueCode.invalid_enum_value:
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: "common:validation.invalidChoice" };
    case ZodIssueCode.too_small:
      if (issue.type === "string") {
        return {
          message: Number(issue.minimum) <= 1 ? "common:validation.required" : encodeMessage("common:validation.tooShort", { minimum: Number(issue.minimum) }),
        };
      }
      if (issue.type === "number" || issue.type === "bigint") {
        // `.positive()` is "more than 0", not "0 or more".
        if (!issue.inclusive && Number(issue.minimum) === 0) return { message: "common:validation.positive" };
        return { message: encodeMessage("common:validation.tooSmall", { minimum: Number(issue.minimum) }) };
      }
      return { message: "common:validation.required" };
    case ZodIssueCode.too_big:
      if (issue.type === "string") return { message: "common:validation.tooLong" };
      if (issue.type === "number" || issue.type === "bigint") {
        return { message: encodeMessage("common:validation.tooBig", { maximum: Number(issue.maximum) }) };
      }
      return { message: "common:validation.invalid" };
    case ZodIssueCode.invalid_string:
      return { message: issue.validation === "email" ? "common:validation.email" : "common:validation.invalid" };
    case ZodIssueCode.invalid_date:
      return { message: "common:validation.invalidDate" };
    case ZodIssueCode.not_finite:
    case ZodIssueCode.not_multiple_of:
      return { message: "common:validation.invalid" };
    default:
      return { message: "common:validation.invalid" };
  }
};

/** Makes translatedErrorMap zod's default for this process (or browser tab); idempotent. */
export function installZodMessages(): void {
  if (z.getErrorMap() !== translatedErrorMap) z.setErrorMap(translatedErrorMap);
}
