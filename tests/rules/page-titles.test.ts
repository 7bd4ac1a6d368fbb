// Every page names itself and the app in the browser tab, and the app has an icon.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { localizedTitle } from "~/utils/meta";

const ROUTES = path.resolve(__dirname, "../../app/routes");

test("every page route (one with a component) exports a title", () => {
  const missing = fs
    .readdirSync(ROUTES)
    .filter((f) => f.endsWith(".tsx"))
    .filter((f) => f !== "$.tsx") // the 404 catch-all: the error page keeps the app's own title
    .filter((f) => /export default function/.test(fs.readFileSync(path.join(ROUTES, f), "utf8")))
    .filter((f) => !/export const meta\b/.test(fs.readFileSync(path.join(ROUTES, f), "utf8")));
  expect(missing).toEqual([]);
});

test("no page's title is a fixed string in one language", () => {
  const fixed = fs
    .readdirSync(ROUTES)
    .filter((f) => f.endsWith(".tsx"))
    .filter((f) => /export const meta\b[^\n]*=>\s*\[\{\s*title:\s*"/.test(fs.readFileSync(path.join(ROUTES, f), "utf8")));
  expect(fixed).toEqual([]);
});

test("a title names the page, then the app, in the user's language", () => {
  const root = { id: "root", data: { locale: "vi" } };
  expect(localizedTitle([root], "admin:users.title")[0].title).toMatch(/^.+ – CGKT$/);
  const en = localizedTitle([{ id: "root", data: { locale: "en" } }], "auth:security.title")[0].title;
  const vi = localizedTitle([root], "auth:security.title")[0].title;
  expect(en).not.toBe(vi);
});

test("the document links a favicon that exists", () => {
  expect(fs.readFileSync(path.resolve(__dirname, "../../app/root.tsx"), "utf8")).toContain('rel: "icon", href: "/favicon.svg"');
  expect(fs.readFileSync(path.resolve(__dirname, "../../public/favicon.svg"), "utf8")).toMatch(/^<svg /);
});
