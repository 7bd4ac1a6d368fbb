// A busy planner for the backup and replication tests: opens the database FILE and writes
// audit events as fast as it can, one transaction each, printing each id once its commit
// returned ("confirmed"). Runs until killed.
import { sql } from "drizzle-orm";
import { openDb } from "~/db/client.server";
import { recordAudit } from "~/models/audit/audit.server";

const [file, pauseMs = "0"] = process.argv.slice(2);
const db = openDb(file);
const write = db.$client.transaction(() => {
  recordAudit(db, { userId: null, action: "create", entityType: "facility", entityId: "w", after: { note: "x".repeat(200) } });
  return db.get<{ id: number }>(sql`select max(id) as id from audit_events`)!.id;
});

function loop() {
  const until = Date.now() + 50;
  while (Date.now() < until) {
    // IMMEDIATE, as the app's transactions: Litestream writes to the file too.
    const id = write.immediate();
    // Pipes are written synchronously on Linux: once printed, the test knows it was confirmed.
    process.stdout.write(`${id}\n`);
    if (Number(pauseMs) > 0) break;
  }
  setTimeout(loop, Number(pauseMs));
}
process.stdout.write("ready\n");
loop();
