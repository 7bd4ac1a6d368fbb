// `npm start`'s first step: the build and the database setup (migrations, and the demo network
// when the database is new) at once rather than one after the other, since neither reads what
// the other writes; on a fresh clone that is most of the wait before the server answers. Each
// line of output is prefixed with its step; if either fails, the other is stopped and npm start
// stops with its exit code.
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const steps = ["build", "setup"].map((name) => {
  const child = spawn(npm, ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
    });
    stream.on("end", () => {
      if (rest) process.stdout.write(`[${name}] ${rest}\n`);
    });
  }
  return { name, child, done: new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1))) };
});

const started = Date.now();
const failed = await Promise.race(
  steps.map((step) => step.done.then((code) => (code === 0 ? null : { ...step, code }))),
).then(async (first) => first ?? (await Promise.all(steps.map(async (step) => ({ ...step, code: await step.done })))).find((s) => s.code !== 0));
if (failed) {
  for (const step of steps) step.child.kill();
  console.error(`[start] ${failed.name} failed (exit ${failed.code})`);
  process.exit(failed.code || 1);
}
console.log(`[start] build and setup done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
