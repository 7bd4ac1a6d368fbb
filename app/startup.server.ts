// Checks run once when the server starts.
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { verifyPassword } from "~/models/auth/password.server";
import { DEMO_ACCOUNTS } from "../seeds/accounts";

/**
 * In production, warns loudly when an active demo account still has its published demo
 * password (anyone who read the README could sign in). Returns the user names found.
 */
export async function warnAboutDemoPasswords(
  db: Db,
  options: { env?: string; log?: (message: string) => void } = {},
): Promise<string[]> {
  if ((options.env ?? process.env.NODE_ENV) !== "production") return [];
  const log = options.log ?? ((message: string) => console.warn(message));
  const demoUsers = db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.isDemo, true), eq(users.active, true)))
    .all();
  const exposed: string[] = [];
  for (const user of demoUsers) {
    const demo = DEMO_ACCOUNTS.find((a) => a.username === user.username);
    if (demo && (await verifyPassword(user.passwordHash, demo.password))) exposed.push(user.username);
  }
  if (exposed.length > 0) {
    log(
      `WARNING: ${exposed.length} demo account(s) still use the demo passwords published in the README: ` +
        `${exposed.join(", ")}. Reset their passwords or deactivate them at /admin/users before real use.`,
    );
  }
  return exposed;
}
