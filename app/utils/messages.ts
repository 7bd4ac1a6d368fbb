// Messages travel between server and form as translation keys, optionally with parameters:
// "ns:key" or "ns:key|{"name":"..."}". One function renders them in the user's language.
import type { TFunction } from "i18next";
import { NAMESPACES } from "~/i18n/i18n";

/** The message of a stale save names the fields that changed, as model field names. */
const STALE_KEY = "common:stale.message";

/** A model field name shown by its form label (each area keeps them under `fields`); unknown names stay as they are. */
function fieldLabel(t: TFunction, name: string): string {
  return t(NAMESPACES.map((ns) => `${ns}:fields.${name}`), { defaultValue: name }) as string;
}

export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params && Object.keys(params).length > 0 ? `${key}|${JSON.stringify(params)}` : key;
}

export function translateMessage(t: TFunction, message: string): string {
  const bar = message.indexOf("|");
  if (bar === -1) return t(message, { defaultValue: message }) as string;
  const key = message.slice(0, bar);
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(message.slice(bar + 1)) as Record<string, unknown>;
  } catch {
    // a malformed tail is shown as part of the key's default
  }
  if (key === STALE_KEY && typeof params.fields === "string") {
    params.fields = params.fields
      .split(", ")
      .filter(Boolean)
      .map((name) => fieldLabel(t, name))
      .join(", ");
  }
  // A parameter named `<name>Message` is itself a message (a column's label key, a reason):
  // it is rendered first, in the same language, and given to the template as `<name>`.
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith("Message") && typeof value === "string") params[name.slice(0, -"Message".length)] = translateMessage(t, value);
  }
  // A name stored in both languages travels as `<name>` and `<name>En`, and the English template
  // reads the latter. A message written before a name had its English twin (a saved import
  // preview, an older audit reason) shows the Vietnamese name rather than a bare placeholder.
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && !name.endsWith("En") && params[`${name}En`] === undefined) params[`${name}En`] = value;
  }
  return t(key, { ...params, defaultValue: key }) as string;
}
