import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { resources } from "~/i18n/resources";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

// Plural forms differ by language (Vietnamese has only `_other`): compare the base keys.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "locales" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

test("Vietnamese and English have the same keys in every namespace", () => {
  for (const ns of Object.keys(resources.vi) as (keyof typeof resources.vi)[]) {
    const vi = new Set(flatten(resources.vi[ns] as Tree).map(base));
    const en = new Set(flatten(resources.en[ns] as Tree).map(base));
    expect([...vi].filter((k) => !en.has(k)), `${ns}: missing in English`).toEqual([]);
    expect([...en].filter((k) => !vi.has(k)), `${ns}: missing in Vietnamese`).toEqual([]);
  }
});

test("every namespaced message key written in the code exists in both languages", () => {
  const namespaces = Object.keys(resources.vi);
  const known = Object.fromEntries(
    (["vi", "en"] as const).map((lng) => [
      lng,
      new Set(
        namespaces.flatMap((ns) =>
          flatten(resources[lng][ns as keyof typeof resources.vi] as Tree).map((k) => `${ns}:${base(k)}`),
        ),
      ),
    ]),
  ) as Record<"vi" | "en", Set<string>>;
  const literal = new RegExp(`["'\`]((?:${namespaces.join("|")}):[A-Za-z0-9_.]+[A-Za-z0-9_])["'\`|]`, "g");
  const missing: string[] = [];
  for (const file of sourceFiles(path.resolve(__dirname, "../../app"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(literal)) {
      const key = match[1];
      const [ns, rest] = key.split(":");
      // A key that names a whole subtree (used with a dynamic suffix) is fine when the subtree exists.
      const isPrefix = (lng: "vi" | "en") =>
        known[lng].has(key) || [...known[lng]].some((k) => k.startsWith(`${ns}:${rest}.`));
      for (const lng of ["vi", "en"] as const) {
        if (!isPrefix(lng)) missing.push(`${lng} ${key} (${path.relative(process.cwd(), file)})`);
      }
    }
  }
  expect([...new Set(missing)]).toEqual([]);
});

/**
 * Vietnamese strings that appear under two or more keys (the plural forms of one key count
 * once). Some are the same word in different roles and stay apart (their English differs, or
 * another area's form still names its own key); the rest should point at one shared key,
 * usually in `common`. The ceiling only ever goes down: a new duplicate fails here.
 */
function duplicateVietnamese(): [string, string[]][] {
  const keysByText = new Map<string, Set<string>>();
  for (const ns of Object.keys(resources.vi) as (keyof typeof resources.vi)[]) {
    const tree = resources.vi[ns] as Tree;
    const leaves = (node: Tree, prefix: string): [string, string][] =>
      Object.entries(node).flatMap(([key, value]) =>
        typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
      );
    for (const [key, text] of leaves(tree, `${ns}:`)) {
      keysByText.set(text, (keysByText.get(text) ?? new Set()).add(base(key)));
    }
  }
  return [...keysByText].filter(([, keys]) => keys.size > 1).map(([text, keys]) => [text, [...keys]]);
}

const DUPLICATE_CEILING = 168;

test("the number of Vietnamese strings repeated under different keys does not grow", () => {
  const duplicates = duplicateVietnamese();
  expect(duplicates.length, duplicates.map(([text, keys]) => `${text}: ${keys.join(", ")}`).join("\n")).toBeLessThanOrEqual(DUPLICATE_CEILING);
});

test("a shared key serves the staff, report, target and ledger pages instead of a copy per area", () => {
  const duplicates = new Map(duplicateVietnamese());
  for (const text of ["Lưu thay đổi", "Cơ sở", "Trạng thái", "Ghi chú", "Từ ngày", "Đến ngày", "Tất cả"]) {
    // Kept apart on purpose: `fields.*` name a form's fields in a stale-save notice (looked up
    // by field name), `dimension.*` and `*.statuses.*` are read with a computed suffix.
    const mine = (duplicates.get(text) ?? []).filter(
      (key) => /^(staff|reports|adoption):/.test(key) && !/:(fields|dimension)\.|\.statuses\./.test(key),
    );
    expect(mine, text).toEqual([]);
  }
});
