import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasCapability } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:hub.title");

export async function loader({ request }: LoaderFunctionArgs) {
  // Department officers reach the hub for the audit trail; everything else is for administrators.
  const actor = await requireCapability(request, "audit.read");
  return json({
    canManageUsers: hasCapability(actor, "users.manage"),
    canManageCatalogue: hasCapability(actor, "catalogue.manage"),
  });
}

export default function AdminHub() {
  const { canManageUsers, canManageCatalogue } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const tiles = [
    canManageUsers ? { to: "/admin/users", title: t("hub.users"), body: t("hub.usersBody") } : null,
    { to: "/admin/audit", title: t("hub.audit"), body: t("hub.auditBody") },
    canManageUsers ? { to: "/admin/policies", title: t("hub.policies"), body: t("hub.policiesBody") } : null,
    canManageCatalogue ? { to: "/admin/catalogue", title: t("hub.catalogue"), body: t("hub.catalogueBody") } : null,
  ].filter((x): x is { to: string; title: string; body: string } => x !== null);
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("hub.title")}</h1>
      <div className="grid gap-3 sm:grid-cols-2">
        {tiles.map((tile) => (
          <Link key={tile.to} to={tile.to} className="card block hover:border-teal-600">
            <p className="font-semibold text-teal-800">{tile.title}</p>
            <p className="mt-1 text-sm text-slate-600">{tile.body}</p>
          </Link>
        ))}
      </div>
    </div>
  );
}
