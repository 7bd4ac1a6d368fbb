import { Link } from "@remix-run/react";

/** The link back above a record or form page: to its list, or to the record being edited. */
export function PageBackLink({ to, children }: { to: string; children: string }) {
  return (
    <p>
      <Link to={to} className="link text-sm">
        ← {children}
      </Link>
    </p>
  );
}
