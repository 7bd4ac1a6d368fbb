// One process of the enrolment concurrency test: opens the shared SQLite FILE, says "ready",
// waits for "go" on stdin (so every process asks at the same moment), requests one seat and
// prints the resulting status as JSON.
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { requestEnrolment } from "~/models/courses/enrolments.server";

const [file, actorJson, courseId, staffId] = process.argv.slice(2);
const db = openDb(file);
const actor = JSON.parse(actorJson) as Actor;
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  try {
    const e = requestEnrolment(db, actor, { courseId: Number(courseId), staffId: Number(staffId) });
    process.stdout.write(JSON.stringify({ staffId: e.staffId, status: e.status, position: e.waitlistPosition }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ staffId: Number(staffId), error: String(error) }) + "\n");
  }
  db.$client.close();
  process.exit(0);
});
