import { count, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { caseLogs, submissionReceipts } from "~/db/schema";
import { newIdempotencyKey } from "~/models/offline/keys";
import { moveStage } from "~/models/transfers/stages.server";
import { action as syncAction } from "~/routes/outbox.sync";
import { SYNC_MAX_ITEMS } from "~/utils/offline-sync.server";
import { makeTransferWorld } from "../helpers/agreements";
import { cookieFor, TEST_ORIGIN } from "../helpers/auth";
import { bodyOf, call } from "../helpers/routes";

const QUEUED = 10_000;

test("10,000 queued case logs sent in batches land once each, also when batches are sent twice after lost answers", async () => {
  const w = makeTransferWorld(getDb());
  const line = w.item();
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"] as const) version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, { today: "2026-03-15" }).version;
  const cookie = await cookieFor(w.db, w.spokeTrainer.userId);
  const path = `/agreements/${w.agreement.id}/items/${line.id}`;
  const queue = Array.from({ length: QUEUED }, (_, i) => ({
    key: newIdempotencyKey(),
    form: "case_log",
    path,
    fields: [["intent", "case"], ["performedOn", "12/03/2026"], ["performerName", `Người thực hiện ${i + 1}`], ["outcome", "success"], ["supervised", "on"]],
  }));
  const send = async (items: typeof queue) => {
    const request = new Request(new URL("/outbox/sync", TEST_ORIGIN), { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, Origin: TEST_ORIGIN }, body: JSON.stringify({ items }) });
    const response = await call(syncAction, { request });
    expect(response.status).toBe(200);
    return (await bodyOf(response)).results as { key: string; status: string; replayed: boolean }[];
  };
  const sent = new Map<string, number>();
  const started = Date.now();
  for (let at = 0; at < QUEUED; at += SYNC_MAX_ITEMS) {
    const batch = queue.slice(at, at + SYNC_MAX_ITEMS);
    let results = await send(batch);
    // Every tenth answer is "lost": the outbox, not knowing, sends the whole batch again.
    if ((at / SYNC_MAX_ITEMS) % 10 === 3) {
      results = await send(batch);
      expect(results.every((r) => r.replayed)).toBe(true);
    }
    expect(results.map((r) => r.key)).toEqual(batch.map((b) => b.key));
    for (const r of results) {
      expect(r.status).toBe("sent");
      sent.set(r.key, (sent.get(r.key) ?? 0) + 1);
    }
  }
  const elapsed = Date.now() - started;
  expect(sent.size).toBe(QUEUED);
  expect(w.db.select({ n: count() }).from(caseLogs).where(eq(caseLogs.transferItemId, line.id)).get()!.n).toBe(QUEUED);
  expect(w.db.select({ n: count() }).from(submissionReceipts).get()!.n).toBe(QUEUED);
  const names = new Set(w.db.select({ name: caseLogs.performerName }).from(caseLogs).where(eq(caseLogs.transferItemId, line.id)).all().map((r) => r.name));
  expect(names.size).toBe(QUEUED);
  console.log(`10,000 queued case logs (+1,000 resent) in ${elapsed} ms`);
}, 120_000);
