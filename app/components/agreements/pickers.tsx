// Search-as-you-type suggestions for code fields (facility and technique codes): a datalist
// filled from /agreements/lookup. Without JavaScript the field still takes a typed code.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

type Option = { value: string; label: string };

export function useLookup(kind: "facility" | "technique") {
  const fetcher = useFetcher<{ options: Option[] }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  function search(q: string) {
    clearTimeout(timer.current);
    if (q.trim().length < 2) return;
    timer.current = setTimeout(() => fetcher.load(`/agreements/lookup?kind=${kind}&q=${encodeURIComponent(q)}`), 250);
  }
  return { options: fetcher.data?.options ?? [], search };
}

export function LookupList({ id, options }: { id: string; options: Option[] }) {
  return (
    <datalist id={id}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </datalist>
  );
}
