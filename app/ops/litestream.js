// Continuous replication of the database with Litestream (the binary ships inside the npm
// package @flydotio/litestream's platform package; nothing is downloaded at run time). Off
// unless LITESTREAM_REPLICA_URL is set. Plain JavaScript: server.js uses it without a build.
//
//   LITESTREAM_REPLICA_URL     file:///srv/planner-replica  or  s3://bucket/planner
//   LITESTREAM_ENDPOINT        S3-compatible storage (MinIO, Ceph, …); path-style addressing
//   LITESTREAM_REGION          the bucket's region, when the storage needs one
//   LITESTREAM_ACCESS_KEY_ID, LITESTREAM_SECRET_ACCESS_KEY   read by Litestream itself
//   LITESTREAM_SYNC_INTERVAL   how often the WAL is shipped (default 1s)
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The litestream executable of this platform's npm package. */
export function litestreamBinary() {
  const pkg = `@flydotio/litestream-${process.platform}-${process.arch}`;
  let dir;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`Litestream is not installed for ${process.platform}-${process.arch} (npm package ${pkg})`);
  }
  return path.join(dir, "litestream");
}

/** @param {Record<string, string | undefined>} [env] */
export function replicaUrl(env = process.env) {
  return env.LITESTREAM_REPLICA_URL?.trim() || null;
}

function yamlString(value) {
  return JSON.stringify(String(value)); // a JSON string is a valid YAML scalar
}

/**
 * Litestream's configuration for one database and one replica, as YAML.
 * @param {string} databaseFile
 * @param {Record<string, string | undefined>} [env]
 */
export function litestreamConfig(databaseFile, env = process.env) {
  const url = replicaUrl(env);
  if (!url) throw new Error("LITESTREAM_REPLICA_URL is not set");
  const lines = [
    "dbs:",
    `  - path: ${yamlString(path.resolve(databaseFile))}`,
    "    replicas:",
    `      - url: ${yamlString(url)}`,
    `        sync-interval: ${yamlString(env.LITESTREAM_SYNC_INTERVAL || "1s")}`,
  ];
  if (env.LITESTREAM_ENDPOINT) lines.push(`        endpoint: ${yamlString(env.LITESTREAM_ENDPOINT)}`, "        force-path-style: true");
  if (env.LITESTREAM_REGION) lines.push(`        region: ${yamlString(env.LITESTREAM_REGION)}`);
  return lines.join("\n") + "\n";
}

/**
 * Writes the configuration to a private temporary file and returns its path.
 * @param {string} databaseFile
 * @param {Record<string, string | undefined>} [env]
 */
export function writeLitestreamConfig(databaseFile, env = process.env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-litestream-"));
  const file = path.join(dir, "litestream.yml");
  fs.writeFileSync(file, litestreamConfig(databaseFile, env), { mode: 0o600 });
  return file;
}

function shellQuote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `command` under `litestream replicate -exec`: Litestream replicates while the command
 * runs, passes SIGTERM/SIGINT on to it, and makes a last sync when it exits. Resolves with
 * the exit code. `env.PLANNER_UNDER_LITESTREAM` tells the command it is the child.
 * @param {string} databaseFile
 * @param {string[]} command
 * @param {Record<string, string | undefined>} [env]
 * @param {{ stdio?: import("node:child_process").StdioOptions, forwardSignals?: boolean, onSpawn?: (child: import("node:child_process").ChildProcess) => void }} [options]
 * @returns {Promise<number>}
 */
export function runUnderLitestream(databaseFile, command, env = process.env, options = {}) {
  const config = writeLitestreamConfig(databaseFile, env);
  const child = spawn(litestreamBinary(), ["replicate", "-config", config, "-exec", command.map(shellQuote).join(" ")], {
    stdio: options.stdio ?? "inherit",
    env: { ...env, PLANNER_UNDER_LITESTREAM: "1" },
  });
  options.onSpawn?.(child);
  if (options.forwardSignals !== false) for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      fs.rmSync(path.dirname(config), { recursive: true, force: true });
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * `litestream restore` of the replica's latest state into `outputFile` (which must not exist).
 * @param {string} databaseFile
 * @param {string} outputFile
 * @param {Record<string, string | undefined>} [env]
 * @returns {Promise<void>}
 */
export function restoreFromReplica(databaseFile, outputFile, env = process.env) {
  const config = writeLitestreamConfig(databaseFile, env);
  return new Promise((resolve, reject) => {
    const child = spawn(litestreamBinary(), ["restore", "-config", config, "-o", outputFile, path.resolve(databaseFile)], { stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => {
      fs.rmSync(path.dirname(config), { recursive: true, force: true });
      if (code === 0) resolve();
      else reject(new Error(`litestream restore exited with ${code}`));
    });
  });
}
