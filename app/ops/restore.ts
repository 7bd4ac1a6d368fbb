// npm run restore -- <archive.tar.gz> [--force]
// npm run restore -- --from-replica [--force]     (the database only, from LITESTREAM_REPLICA_URL)
// Brings a stopped planner back from a backup archive. Checks the archive whole first
// (checksums of every file, PRAGMA integrity_check); refuses while the database is in use
// unless --force; moves the current database, documents and secret aside, never deletes them.
import { restoreBackup, restoreFromLiveReplica, RestoreRefused } from "./archive";
import { plannerPaths } from "./paths";

async function main() {
  const args = process.argv.slice(2);
  const archive = args.find((a) => !a.startsWith("--"));
  const started = Date.now();
  const paths = plannerPaths();
  if (args.includes("--from-replica")) {
    const movedAside = await restoreFromLiveReplica(paths, process.env, { force: args.includes("--force") });
    console.log(`[restore] ${paths.database} restored from the replica ${process.env.LITESTREAM_REPLICA_URL} in ${Date.now() - started} ms`);
    for (const p of movedAside) console.log(`[restore] kept the previous copy as ${p}`);
    return;
  }
  if (!archive) {
    console.error("usage: npm run restore -- <archive.tar.gz> [--force]  |  npm run restore -- --from-replica [--force]");
    process.exit(2);
  }
  const { manifest, movedAside } = await restoreBackup(archive, paths, { force: args.includes("--force") });
  console.log(`[restore] ${paths.database} restored from ${archive} (backup of ${manifest.createdAt}, ${manifest.auditEvents} audit events) in ${Date.now() - started} ms`);
  for (const p of movedAside) console.log(`[restore] kept the previous copy as ${p}`);
  console.log("[restore] start the planner again (npm run serve); it applies newer migrations itself.");
}

main().catch((error: unknown) => {
  console.error(`[restore] refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof RestoreRefused ? 1 : 3);
});
