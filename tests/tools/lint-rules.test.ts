// The repository's ESLint rules, run through ESLint's Node API on snippets placed (virtually) at
// real paths: a role comparison outside the policy module and SQL imports in a route are
// reported; the same code inside the policy module, party roles and getDb() are not.
import path from "node:path";
import { ESLint } from "eslint";
import { expect, test } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function problems(filePath: string, code: string): Promise<{ rule: string | null; line: number }[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => ({ rule: m.ruleId, line: m.line }));
}

const ROLE_CHECKS = `
export function loader(actor: { role: string; provinceCode: string | null }, role: string) {
  const a = actor.role === "admin";
  const b = "department" !== actor.role;
  const c = role === "viewer";
  const d = ["director", "trainer"].includes(actor.role);
  const e = ({ admin: 1 } as Record<string, number>)[actor.role];
  const f = (actor as { role?: string } | null)?.role === "admin";
  switch (actor.role) {
    default:
  }
  const g = \`select 1 from users u where u.role = 'director'\`;
  return [a, b, c, d, e, f, g];
}
`;

test("a role comparison in a route or a model is reported, each form of it", async () => {
  for (const file of ["app/routes/fixture.tsx", "app/models/reports/fixture.server.ts", "app/components/fixture.tsx"]) {
    const found = await problems(file, ROLE_CHECKS);
    const lines = found.filter((p) => p.rule === "no-restricted-syntax").map((p) => p.line);
    // every check of the snippet, once each (its lines 3 to 9 and 12)
    expect(lines, file).toEqual([3, 4, 5, 6, 7, 8, 9, 12]);
  }
});

test("the policy module may compare roles, and agreement parties' roles are not user roles", async () => {
  expect(await problems("app/models/access/policy-fixture.ts", ROLE_CHECKS)).toEqual([]);
  const parties = `
    type Party = { role: string; facilityId: number };
    export const supporting = (parties: Party[]) => parties.filter((p) => p.role === "supporting" || "receiving" === p.role);
  `;
  expect(await problems("app/models/agreements/fixture.server.ts", parties)).toEqual([]);
});

test("a route importing drizzle, the schema or better-sqlite3 is reported; getDb and type imports are not", async () => {
  const route = `
import { eq } from "drizzle-orm";
import { sqliteTable } from "drizzle-orm/sqlite-core";
import Database from "better-sqlite3";
import { users } from "~/db/schema";
import { openDb } from "~/db/client.server";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { getDb } from "~/db/client.server";
import type { Db } from "~/db/client.server";
import type { User } from "~/db/schema";
import type { SQL } from "drizzle-orm";
export const x = [eq, sqliteTable, Database, users, openDb, facilityScopeCondition, getDb];
export type Y = [Db, User, SQL];
`;
  const found = await problems("app/routes/fixture.tsx", route);
  expect(found.filter((p) => p.rule === "no-restricted-imports").map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
  // The same imports are the models' business.
  expect((await problems("app/models/fixture.server.ts", route)).filter((p) => p.rule === "no-restricted-imports")).toEqual([]);
});
