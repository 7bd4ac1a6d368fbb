// Worker-thread entry: reads one file with sheet-reader.mjs and posts the result back.
import { parentPort, workerData } from "node:worker_threads";
import { readSheet } from "./sheet-reader.mjs";

readSheet(workerData).then(
  (result) => parentPort.postMessage(result),
  () => parentPort.postMessage({ ok: false, key: "imports:errors.unreadable" }),
);
