import { Link } from "@remix-run/react";
import { creditsHref, staffHref } from "./links";

/**
 * A person's name, linked to their staff record or credit ledger only when the loader found
 * that page open for the reader (`openablePeople`); otherwise plain text.
 */
export function PersonName({ id, name, page, open, className = "link" }: { id: number; name: string; page: "staff" | "credits"; open: boolean; className?: string }) {
  if (!open) return <span>{name}</span>;
  return (
    <Link to={page === "staff" ? staffHref(id) : creditsHref(id)} className={className}>
      {name}
    </Link>
  );
}
