import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { ROLES, type Role } from "~/models/enums";
import { listUsers } from "~/models/users/users.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const roleParam = url.searchParams.get("role");
  const role = (ROLES as readonly string[]).includes(roleParam ?? "") ? (roleParam as Role) : null;
  return json({ q, role, result: listUsers(getDb(), actor, { q, role }, pageFromUrl(url), await getLocale(request)) });
}

export default function UsersPage() {
  const { q, role, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: te } = useTranslation("enums");
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="page-title">{t("users.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("users.intro")}</p>
        </div>
        <Link to="/admin/users/new" className="btn">
          {t("users.new")}
        </Link>
      </header>
      <FilterBar>
        <SearchBox defaultValue={q} label={t("users.search")} />
        <FilterSelect
          name="role"
          label={t("users.role")}
          defaultValue={role}
          options={ROLES.map((r) => ({ value: r, label: te(`role.${r}`) }))}
        />
      </FilterBar>
      <div className="card overflow-x-auto p-0">
        <table className="table table-cards">
          <thead>
            <tr>
              <th scope="col">{t("users.username")}</th>
              <th scope="col">{t("users.displayName")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.scope")}</th>
              <th scope="col">{t("users.status")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.rows.map((u) => (
              <tr key={u.id} className={u.active ? "" : "text-slate-500"}>
                <td>
                  <Link to={`/admin/users/${u.id}`} className="link font-mono">
                    {u.username}
                  </Link>
                </td>
                <td data-label={t("users.displayName")}>{u.displayName}</td>
                <td data-label={t("users.role")}>{te(`role.${u.role}`)}</td>
                <td data-label={t("users.scope")}>{u.facilityName ?? u.provinceName ?? t("users.everywhere")}</td>
                <td className="space-x-1 whitespace-nowrap" data-label={t("users.status")}>
                  {u.active ? null : <span className="badge bg-slate-200 text-slate-700">{t("users.inactive")}</span>}
                  {u.totpEnabled ? <span className="badge bg-green-100 text-green-800">{t("users.totp")}</span> : null}
                  {u.isDemo ? <span className="badge bg-amber-100 text-amber-900">{t("users.demo")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.rows.length === 0 ? <p className="p-4 text-sm text-slate-600">{t("users.none")}</p> : null}
      </div>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
