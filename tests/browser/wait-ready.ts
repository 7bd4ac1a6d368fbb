// Runs before each browser test file: the global setup builds, seeds and starts the shared
// server in the background (while the unit tests run); wait here until it answers, or fail
// the file with the reason the setup wrote.
import fs from "node:fs";
import { inject } from "vitest";

const readyFile = inject("browserReady");
const deadline = Date.now() + 15 * 60_000;
while (!fs.existsSync(readyFile)) {
  if (Date.now() > deadline) throw new Error("the browser tests' server was not ready after 15 minutes");
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const state = JSON.parse(fs.readFileSync(readyFile, "utf8")) as { ok: boolean; error?: string };
if (!state.ok) throw new Error(`the browser tests' setup failed: ${state.error}`);
