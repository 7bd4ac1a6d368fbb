// The secret that signs session cookies. Production reads SESSION_SECRET; when it is missing
// the server generates one once and keeps it beside the database, so a fresh install starts
// (and sessions survive restarts) without anyone inventing a secret. Development and tests
// use a fixed, public secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "~/db/client.server";

const DEV_SECRET = "dev-only-session-secret-not-for-production";

/** The folder that holds the database file (and so the generated secret). */
function dataFolder(): string {
  const file = databasePath();
  return file === ":memory:" ? path.resolve("data") : path.dirname(path.resolve(file));
}

/** Where the generated secret is kept (backups carry it, restores put it back). */
export function sessionSecretFile(folder = dataFolder()): string {
  return path.join(folder, "session-secret");
}

export function resolveSessionSecret(env: NodeJS.ProcessEnv = process.env, folder?: string): string {
  const fromEnv = env.SESSION_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (env.NODE_ENV !== "production") return DEV_SECRET;
  const file = sessionSecretFile(folder);
  try {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (stored) return stored;
  } catch {
    // not generated yet
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // `wx` fails if another process wrote it first; then read theirs.
  try {
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    console.warn(`SESSION_SECRET is not set: generated one and stored it in ${file}`);
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}
