import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { hashPassword } from "~/models/auth/password.server";
import { ensureSessionSecretFile, MissingSessionSecretError, resolveSessionSecret } from "~/models/auth/secret.server";
import { warnAboutDemoPasswords } from "~/startup.server";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

test("in production the server warns about active demo accounts that still have their published password", async () => {
  const db = createTestDb();
  const [admin, officer, director] = DEMO_ACCOUNTS;
  makeUser(db, { role: "admin", username: admin.username, isDemo: true, passwordHash: await hashPassword(admin.password) });
  makeUser(db, { role: "department", username: officer.username, isDemo: true, passwordHash: await hashPassword("đã đổi mật khẩu riêng") });
  makeUser(db, { role: "director", username: director.username, isDemo: true, active: false, passwordHash: await hashPassword(director.password) });
  const lines: string[] = [];
  const found = await warnAboutDemoPasswords(db, { env: "production", log: (l) => lines.push(l) });
  expect(found).toEqual([admin.username]);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("WARNING");
  expect(lines[0]).toContain(admin.username);
  expect(await warnAboutDemoPasswords(db, { env: "development", log: (l) => lines.push(l) })).toEqual([]);
  expect(lines).toHaveLength(1);
});

test("every demo account has a password long enough for the sign-in rules and a unique user name", () => {
  expect(new Set(DEMO_ACCOUNTS.map((a) => a.username)).size).toBe(DEMO_ACCOUNTS.length);
  for (const a of DEMO_ACCOUNTS) expect(a.password.length).toBeGreaterThanOrEqual(10);
  expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(["admin", "department", "director", "trainer", "viewer"]));
});

test("without SESSION_SECRET, production and an unset NODE_ENV refuse to start until setup generated the secret file", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
  try {
    expect(() => resolveSessionSecret({ NODE_ENV: "production" }, folder)).toThrow(MissingSessionSecretError);
    expect(() => resolveSessionSecret({} as NodeJS.ProcessEnv, folder)).toThrow(/SESSION_SECRET/);
    const first = ensureSessionSecretFile(folder);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(ensureSessionSecretFile(folder)).toBe(first);
    expect(resolveSessionSecret({ NODE_ENV: "production" }, folder)).toBe(first);
    expect(resolveSessionSecret({} as NodeJS.ProcessEnv, folder)).toBe(first);
    expect(fs.statSync(path.join(folder, "session-secret")).mode & 0o077).toBe(0);
    expect(resolveSessionSecret({ NODE_ENV: "production", SESSION_SECRET: "from-env" }, folder)).toBe("from-env");
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("development generates its own secret file: no published secret exists", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
  try {
    const dev = resolveSessionSecret({ NODE_ENV: "development" }, folder);
    expect(dev).not.toMatch(/dev-only/);
    expect(dev.length).toBeGreaterThanOrEqual(40);
    expect(resolveSessionSecret({ NODE_ENV: "production" }, folder)).toBe(dev);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
