import { Link } from "@remix-run/react";

/** The line above a page about one agreement's part: a link back to the agreement, and its title. */
export function AgreementCrumb({ agreement }: { agreement: { id: number; number: string; title: string } }) {
  return (
    <p className="text-sm text-slate-500">
      <Link to={`/agreements/${agreement.id}`} className="link">{agreement.number}</Link> · {agreement.title}
    </p>
  );
}
