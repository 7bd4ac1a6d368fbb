// The browser's outbox: submissions of the entry forms (case logs, attendance sheets,
// tele-consultations) kept in IndexedDB (idb-keyval) until the server has answered them, and
// sent in order, in batches, to POST /outbox/sync. Each item carries the idempotency key made
// when its form was filled, so a batch sent twice (an answer lost on the way back) lands once.
// Items belong to the user who entered them: another user signing in on the same device
// neither sees nor sends them. Browser-only: nothing here runs on the server.
import { createStore, delMany, setMany, values, type UseStore } from "idb-keyval";
import type { OfflineForm } from "~/models/enums";

export type OutboxStatus = "waiting" | "sent" | "refused";

export type OutboxItem = {
  key: string;
  /** The username of who entered it. */
  user: string;
  form: OfflineForm;
  /** The page the form was filled on (where a refused item is opened again). */
  path: string;
  /** A line to recognise the entry by (the case, the course). */
  title: string;
  fields: [string, string][];
  /** Order of entry: items are sent in this order. */
  seq: number;
  status: OutboxStatus;
  queuedAt: string;
  sentAt?: string;
  location?: string;
  /** The server's messages by field ("" for the form), as translation keys. */
  errors?: Record<string, string[]>;
  httpStatus?: number;
};

/** What the last attempt to send ran into, for the outbox page. */
export type SyncProblem = "offline" | "signin" | "server" | null;

/** Items per request: the server's batch limit. */
export const BATCH_SIZE = 100;
const CHANNEL = "cgkt-outbox";

let store: UseStore | null = null;
let cache: Map<string, OutboxItem> | null = null;
let loading: Promise<Map<string, OutboxItem>> | null = null;
let channel: BroadcastChannel | null = null;
const listeners = new Set<() => void>();
/** Keys submitted by this page through the page's own action, not yet settled: the outbox leaves them alone. */
const onPage = new Set<string>();
let syncing: Promise<number> | null = null;
let problem: SyncProblem = null;
let lastSeq = 0;

function outboxStore(): UseStore {
  store ??= createStore("cgkt-outbox", "items");
  return store;
}

function notify(broadcast = true) {
  for (const listener of listeners) listener();
  if (broadcast) channel?.postMessage("changed");
}

/** Every item of the device, read once per page and kept in step with other tabs. */
async function load(): Promise<Map<string, OutboxItem>> {
  if (cache) return cache;
  loading ??= values<OutboxItem>(outboxStore()).then((items) => {
    cache = new Map(items.map((item) => [item.key, item]));
    lastSeq = Math.max(lastSeq, ...items.map((i) => i.seq), 0);
    if (typeof BroadcastChannel !== "undefined" && !channel) {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = () => {
        cache = null;
        loading = null;
        void load().then(() => notify(false));
      };
    }
    return cache;
  });
  return loading;
}

async function save(items: OutboxItem[]) {
  const map = await load();
  for (const item of items) map.set(item.key, item);
  await setMany(items.map((item) => [item.key, item]), outboxStore());
  notify();
}

/** Calls `listener` whenever the outbox changes (here or in another tab); returns the unsubscribe. */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void load().then(() => listener());
  return () => listeners.delete(listener);
}

/** The user's items in order of entry (the cache must be loaded: call after `subscribe` fired). */
export function itemsOf(user: string, status?: OutboxStatus): OutboxItem[] {
  if (!cache) return [];
  const list: OutboxItem[] = [];
  for (const item of cache.values()) if (item.user === user && (status === undefined || item.status === status)) list.push(item);
  return list.sort((a, b) => a.seq - b.seq);
}

export function countsOf(user: string): Record<OutboxStatus, number> {
  const counts = { waiting: 0, sent: 0, refused: 0 };
  if (!cache) return counts;
  for (const item of cache.values()) if (item.user === user) counts[item.status] += 1;
  return counts;
}

export function lastProblem(): SyncProblem {
  return problem;
}

export async function findItem(key: string): Promise<OutboxItem | undefined> {
  return (await load()).get(key);
}

/** Queues a submission (an item with the same key, a refused one opened again, is replaced). */
export async function enqueue(item: Omit<OutboxItem, "seq" | "status" | "queuedAt">, options: { onPage?: boolean } = {}) {
  await load();
  lastSeq = Math.max(lastSeq + 1, Date.now());
  if (options.onPage) onPage.add(item.key);
  await save([{ ...item, seq: lastSeq, status: "waiting", queuedAt: new Date().toISOString() }]);
}

export async function discard(keys: string[]) {
  const map = await load();
  for (const key of keys) map.delete(key);
  await delMany(keys, outboxStore());
  notify();
}

type SyncAnswer =
  | { key: string; status: "sent"; replayed: boolean; location: string }
  | { key: string; status: "refused"; httpStatus: number; errors: Record<string, string[]> }
  | { key: string; status: "retry" };

/** Sends one batch; null when the network or the server failed (the items stay waiting). */
async function sendBatch(batch: OutboxItem[]): Promise<SyncAnswer[] | null> {
  let response: Response;
  try {
    response = await fetch("/outbox/sync", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ items: batch.map(({ key, form, path, fields }) => ({ key, form, path, fields })) }),
    });
  } catch {
    problem = "offline";
    return null;
  }
  if (response.status === 401) {
    problem = "signin";
    return null;
  }
  if (!response.ok) {
    problem = "server";
    return null;
  }
  try {
    return ((await response.json()) as { results: SyncAnswer[] }).results;
  } catch {
    problem = "server";
    return null;
  }
}

function applyAnswers(batch: OutboxItem[], answers: SyncAnswer[], settling: boolean): { updated: OutboxItem[]; removed: string[]; stop: boolean } {
  const byKey = new Map(answers.map((a) => [a.key, a]));
  const updated: OutboxItem[] = [];
  const removed: string[] = [];
  let stop = false;
  const now = new Date().toISOString();
  for (const item of batch) {
    const answer = byKey.get(item.key);
    if (!answer || answer.status === "retry") {
      stop = true;
      continue;
    }
    if (settling && (answer.status === "refused" || answer.replayed)) {
      // The page's own action answered it (its refusal shows on the page): nothing to keep.
      removed.push(item.key);
    } else if (answer.status === "sent") {
      updated.push({ ...item, status: "sent", location: answer.location, sentAt: now, errors: undefined });
    } else {
      updated.push({ ...item, status: "refused", errors: answer.errors, httpStatus: answer.httpStatus });
    }
  }
  return { updated, removed, stop };
}

/** Sends the picked waiting items in batches; returns how many landed now (for the page to reload its data). */
async function run(user: string, pick: (item: OutboxItem) => boolean, settling: boolean): Promise<number> {
  let landed = 0;
  for (;;) {
    const batch = itemsOf(user, "waiting").filter(pick).slice(0, BATCH_SIZE);
    if (batch.length === 0) {
      problem = null;
      return landed;
    }
    const answers = await sendBatch(batch);
    if (!answers) return landed;
    const { updated, removed, stop } = applyAnswers(batch, answers, settling);
    landed += updated.filter((item) => item.status === "sent").length;
    if (updated.length) await save(updated);
    if (removed.length) await discard(removed);
    if (stop) {
      problem = "server";
      return landed;
    }
    // Let the page breathe between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Sends the user's waiting items in order, in batches, until none is left or the network or
 * server fails. One run at a time per page, and per device where the browser has Web Locks.
 */
export function syncOutbox(user: string): Promise<number> {
  if (syncing) return syncing;
  const go = async () => {
    await load();
    return run(user, (item) => !onPage.has(item.key), false);
  };
  const locked = typeof navigator !== "undefined" && navigator.locks ? navigator.locks.request(`${CHANNEL}:${user}`, go) : go();
  syncing = Promise.resolve(locked)
    .catch(() => 0)
    .finally(() => {
      syncing = null;
      notify(false);
    });
  return syncing;
}

/**
 * After the page's own action answered (or failed to): asks the server about the submissions
 * this page sent itself. Landed by the page or refused there: forgotten. Landed only now (the
 * page's request was lost): sent. Unreachable: they stay waiting, for the next run.
 */
export async function settlePageSubmissions(user: string): Promise<number> {
  if (onPage.size === 0) return 0;
  const keys = new Set(onPage);
  onPage.clear();
  await load();
  return run(user, (item) => keys.has(item.key), true);
}

/** Keys the page holds: the user's own form drafts live under these in localStorage. */
export function draftStorageKey(user: string, form: OfflineForm, path: string): string {
  return `cgkt-draft:${user}:${form}:${path}`;
}
