// Repeated rows of a form (parties, sessions) that grow one at a time with an "add row" button
// instead of a fixed number of blanks. The server renders the stored rows and one blank; the
// button appears once the page runs scripts (without them, a form is saved and reopened to get
// another blank). The cap is the zod schema's `.max()`, which the server enforces as well.
import { useEffect, useRef, useState } from "react";

export function useGrowingRows(initial: number, max: number) {
  const [count, setCount] = useState(Math.min(initial, max));
  const [hydrated, setHydrated] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const added = useRef(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    // The new row's first field takes the focus, so keyboard users continue where they are.
    if (!added.current) return;
    added.current = false;
    const rows = container.current?.querySelectorAll<HTMLElement>("[data-growing-row]");
    rows?.[rows.length - 1]?.querySelector<HTMLElement>("input, select")?.focus();
  }, [count]);
  return {
    count,
    container,
    hydrated,
    full: count >= max,
    add() {
      added.current = true;
      setCount((c) => Math.min(max, c + 1));
    },
  };
}

export function AddRowButton({ rows, label, fullLabel }: { rows: ReturnType<typeof useGrowingRows>; label: string; fullLabel: string }) {
  if (!rows.hydrated) return null;
  return (
    <div className="flex items-center gap-2">
      <button type="button" className="btn-secondary" onClick={rows.add} disabled={rows.full} data-testid="add-row">
        + {label}
      </button>
      {rows.full ? <span className="text-xs text-slate-500">{fullLabel}</span> : null}
    </div>
  );
}
