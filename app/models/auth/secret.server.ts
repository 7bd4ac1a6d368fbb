// The secret that signs session cookies: SESSION_SECRET, or the secret generated once and
// kept beside the database (`npm run setup` writes it; backups carry it). There is no built-in
// fallback: production, or NODE_ENV unset, refuses to start without one of the two.
// Development and tests generate their own file on first use.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "~/db/client.server";

/** The folder that holds the database file (and so the generated secret). */
function dataFolder(): string {
  const file = databasePath();
  return file === ":memory:" ? path.resolve("data") : path.dirname(path.resolve(file));
}

/** Where the generated secret is kept (backups carry it, restores put it back). */
export function sessionSecretFile(folder = dataFolder()): string {
  return path.join(folder, "session-secret");
}

export class MissingSessionSecretError extends Error {
  constructor(file: string) {
    super(`No session secret: set SESSION_SECRET, or run \`npm run setup\` to generate ${file}. The planner does not start without one.`);
    this.name = "MissingSessionSecretError";
  }
}

function readSecretFile(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** Generates the secret file when it is missing (run by setup); returns the secret in it. */
export function ensureSessionSecretFile(folder?: string): string {
  const file = sessionSecretFile(folder);
  const stored = readSecretFile(file);
  if (stored) return stored;
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

export function resolveSessionSecret(env: NodeJS.ProcessEnv = process.env, folder?: string): string {
  const fromEnv = env.SESSION_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const stored = readSecretFile(sessionSecretFile(folder));
  if (stored) return stored;
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return ensureSessionSecretFile(folder);
  throw new MissingSessionSecretError(sessionSecretFile(folder));
}
