// Where the planner keeps what a backup must carry: the same settings the server reads.
import { databasePath } from "~/db/client.server";
import { uploadsDir } from "~/models/agreements/documents.server";
import { sessionSecretFile } from "~/models/auth/secret.server";
import path from "node:path";
import type { Paths } from "./archive";

export function plannerPaths(): Paths {
  const database = path.resolve(databasePath());
  return { database, uploads: uploadsDir(), secret: sessionSecretFile(path.dirname(database)) };
}

/** BACKUP_DIR, or `backups/` beside the database. */
export function backupDir(): string {
  return path.resolve(process.env.BACKUP_DIR || path.join(path.dirname(plannerPaths().database), "backups"));
}
