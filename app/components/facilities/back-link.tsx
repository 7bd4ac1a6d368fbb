import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The way back above a registry page: to the list, or to the record a sub-page belongs to. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <nav className="text-sm">
      <Link to={to} className="link">
        ‹ {children}
      </Link>
    </nav>
  );
}
