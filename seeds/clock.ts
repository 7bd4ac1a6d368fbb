// The demo's clock. Steps stamp backdated events (a request filed, a report saved) on dates laid
// out around the demo's today; the audit trail must never hold an instant after the seed ran,
// so every stamp is capped at the seed's clock: the end of its today, or the real instant when
// that comes first (a demo seeded for today or a later day).

/** The latest instant a step may stamp an event with. */
export function seedClock(today: string, now: Date): string {
  const dayEnd = new Date(`${today}T23:59:59.999+07:00`);
  return (dayEnd.getTime() < now.getTime() ? dayEnd : now).toISOString();
}

/** `date` at `time` (UTC), or the seed's clock when that is earlier. */
export function stampOn(clock: string, date: string, time = "03:00:00.000Z"): string {
  const at = new Date(`${date}T${time}`).toISOString();
  return at < clock ? at : clock;
}
