// `npm test`: the type check, the lint rules and every test at once. tsc uses one CPU for most of a minute
// and vitest's setup (seeding the templates, building the app) leaves CPU idle, so running them
// side by side saves most of the type check's time on a 2-CPU machine. The type check is
// incremental (its state in .cache/tsc), so a second run only checks what changed. Its
// report is printed after the tests; either failing fails the command.
//
//   node tests/tools/run-tests.mjs [vitest arguments]
import { spawn } from "node:child_process";

function run(command, args, stdio) {
  const child = spawn(command, args, { stdio });
  let output = "";
  if (stdio === "pipe") {
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const started = Date.now();
const typecheck = run("npx", ["tsc", "--noEmit", "--incremental", "--tsBuildInfoFile", ".cache/tsc/tsbuildinfo"], "pipe").then((result) => {
  result.seconds = Math.round((Date.now() - started) / 1000);
  return result;
});
// The lint rules (role checks only in the policy module, no SQL in routes) after the type check,
// so the two never compete with each other for the CPU the tests leave.
const lint = typecheck.then(() => run("npx", ["eslint", "app"], "pipe"));
const tests = await run("npx", ["vitest", "run", ...process.argv.slice(2)], "inherit");
const types = await typecheck;
if (types.code === 0) {
  console.log(`type check: no errors (${types.seconds} s)`);
} else {
  process.stdout.write(types.output);
  console.error("type check failed");
}
const linted = await lint;
if (linted.code === 0) {
  console.log("lint: no problems");
} else {
  process.stdout.write(linted.output);
  console.error("lint failed");
}
console.log(`npm test: ${Math.round((Date.now() - started) / 1000)} s in all`);
process.exit(types.code !== 0 || linted.code !== 0 || tests.code !== 0 ? 1 : 0);
