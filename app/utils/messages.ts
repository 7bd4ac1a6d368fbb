// Messages travel between server and form as translation keys, optionally with parameters:
// "ns:key" or "ns:key|{"name":"..."}". One function renders them in the user's language.
import type { TFunction } from "i18next";

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
  return t(key, { ...params, defaultValue: key }) as string;
}
