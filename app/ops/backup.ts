// npm run backup [-- --out=<folder>]
// Writes planner-<UTC time>.tar.gz (database copy, uploaded documents, session secret,
// manifest with checksums) into BACKUP_DIR (default data/backups). Safe while the planner runs.
import fs from "node:fs";
import { createBackup } from "./archive";
import { backupDir, plannerPaths } from "./paths";

async function main() {
  const outArg = process.argv.slice(2).find((a) => a.startsWith("--out="))?.slice("--out=".length);
  const started = Date.now();
  const { archive, manifest } = await createBackup(plannerPaths(), outArg ?? backupDir());
  const bytes = fs.statSync(archive).size;
  const documents = Object.keys(manifest.files).filter((f) => f.startsWith("uploads/")).length;
  console.log(
    `[backup] ${archive}: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${documents} document file(s), ` +
      `${manifest.auditEvents} audit events, secret ${manifest.files["session-secret"] ? "included" : "not found (SESSION_SECRET from the environment?)"}, ` +
      `${Date.now() - started} ms`,
  );
  for (const p of manifest.missingDocuments) console.warn(`[backup] document removed while the backup ran: ${p}`);
}

main().catch((error: unknown) => {
  console.error(`[backup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
