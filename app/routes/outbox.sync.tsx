// The outbox's batch endpoint: up to SYNC_MAX_ITEMS queued submissions as JSON, one answer per
// item (sent, refused with its messages, retry). 401 signed out, 403 from another site.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { readSyncBatch, runBatch } from "~/utils/offline-sync.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const actor = await requireActor(request);
  const items = await readSyncBatch(request);
  const results = await runBatch(getDb(), actor, items, todayInVietnam());
  return json({ results }, { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
