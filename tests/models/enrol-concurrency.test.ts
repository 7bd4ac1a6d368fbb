// Done-when test of the issue: more simultaneous requests than seats, from separate
// processes writing the same database file; the course never exceeds its capacity and the
// rest are waitlisted in the order their requests were committed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { openDb } from "~/db/client.server";
import { enrolments } from "~/db/schema";
import { courseInput, makeActor } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { createCourse } from "~/models/courses/courses.server";

const TSX = path.resolve("node_modules/.bin/tsx");
const WORKER = path.resolve("tests/helpers/enrol-worker.ts");

type Outcome = { staffId: number; status?: string; position?: number | null; error?: string };

test("eight processes asking at once for three seats: three seats taken, five waitlisted 1..5", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enrol-race-"));
  const file = path.join(dir, "race.sqlite");
  const db = openDb(file);
  const host = makeActor(db, "trainer");
  const course = createCourse(db, host, courseInput({ capacity: 3 }));
  const people = Array.from({ length: 8 }, () => makeStaff(db, { facilityId: host.facilityId! }));

  const children = people.map((p) =>
    spawn(TSX, [WORKER, file, JSON.stringify(host), String(course.id), String(p.id)], {
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const lines = children.map((child) => {
    const out: string[] = [];
    let buffer = "";
    const ready = new Promise<void>((resolve) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split("\n");
        buffer = parts.pop()!;
        for (const line of parts) {
          if (line === "ready") resolve();
          else out.push(line);
        }
      });
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    return { child, out, ready, exited };
  });
  await Promise.all(lines.map((l) => l.ready));
  for (const l of lines) l.child.stdin!.write("go\n");
  await Promise.all(lines.map((l) => l.exited));

  const outcomes = lines.map((l) => JSON.parse(l.out[0]) as Outcome);
  expect(outcomes.filter((o) => o.error)).toEqual([]);
  expect(outcomes.filter((o) => o.status === "approved")).toHaveLength(3);

  const stored = db.select().from(enrolments).where(eq(enrolments.courseId, course.id)).orderBy(enrolments.id).all();
  expect(stored).toHaveLength(8);
  expect(stored.filter((e) => e.status === "approved")).toHaveLength(3);
  // Commits are serialised, so row ids follow commit order: the first three hold the seats
  // and the waitlist positions follow the same order.
  expect(stored.map((e) => e.waitlistPosition)).toEqual([null, null, null, 1, 2, 3, 4, 5]);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 300_000);
