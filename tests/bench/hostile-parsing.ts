// The 40-byte sign-in body that used to freeze the server, over HTTP against a built app:
// how long the attack takes to answer, and the slowest /healthcheck while it runs (not a test:
// run by hand).
//
//   REMIX_BUILD_DIR=/tmp/build npx remix build
//   DATABASE_PATH=/tmp/bench.sqlite npx tsx seeds/setup.ts
//   npx tsx tests/bench/hostile-parsing.ts /tmp/build /tmp/bench.sqlite
//
// After a warm-up request, each attack body is sent ROUNDS times (default 5) while /healthcheck
// is polled every 20 ms; the median answer time and the slowest health check are printed.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const [buildDir, databasePath, roundsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 5);
if (!buildDir || !databasePath) throw new Error("usage: tsx tests/bench/hostile-parsing.ts BUILD_DIR DATABASE_PATH");

const ATTACKS: [string, string][] = [
  ["40-byte sign-in", "intent=password&x%5B999999999%5D=1"],
  ["a[100000000]", "intent=password&a%5B100000000%5D=1"],
  ["JSON body", '{"intent":"password"}'],
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn("node", [path.resolve("server.js")], {
  env: { ...process.env, REMIX_BUILD_DIR: buildDir, DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", SESSION_SECRET: "bench-secret" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthcheck`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const attack = (label: string, body: string) =>
    fetch(`${base}/login`, {
      method: "POST",
      body,
      headers: { "Content-Type": label === "JSON body" ? "application/json" : "application/x-www-form-urlencoded", Origin: base },
    });
  await (await attack("warm-up", "intent=password")).arrayBuffer();
  for (const [label, body] of ATTACKS) {
    let done = false;
    let slowest = 0;
    const poll = (async () => {
      while (!done) {
        const t = performance.now();
        await fetch(`${base}/healthcheck`).then((r) => r.arrayBuffer()).catch(() => undefined);
        slowest = Math.max(slowest, performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const times: number[] = [];
    let status = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      try {
        const response = await attack(label, body);
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0; // no answer before fetch gave up (300 s without headers)
      }
      times.push(performance.now() - started);
    }
    done = true;
    await poll;
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(`${label.padEnd(16)} ${String(status).padStart(3)}, median ${median.toFixed(0).padStart(6)} ms (max ${times[times.length - 1].toFixed(0)}); slowest /healthcheck meanwhile ${slowest.toFixed(0)} ms`);
  }
} finally {
  child.kill();
}
