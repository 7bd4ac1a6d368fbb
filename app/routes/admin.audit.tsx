import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { auditEntityTypes, listAuditEvents } from "~/models/audit/audit-list.server";
import { checkAuditChain, type ChainReport } from "~/models/audit/chain.server";
import { requireCapability } from "~/models/auth/session.server";
import { calendarDate } from "~/models/fields";
import { orRespond } from "~/utils/domain-response.server";
import { pageFromUrl } from "~/utils/pagination";
import { Field } from "~/components/fields";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "audit.read");
  const url = new URL(request.url);
  const get = (name: string) => url.searchParams.get(name)?.trim() || null;
  const date = (name: string) => {
    const parsed = calendarDate.safeParse(get(name) ?? "");
    return parsed.success ? parsed.data : null;
  };
  const filters = { username: get("user"), entityType: get("type"), from: date("from"), to: date("to") };
  const db = getDb();
  const canVerify = hasCapability(actor, "audit.verify");
  // The chain check reads the whole trail, so it runs only when asked for (?verify=1).
  const chain = url.searchParams.get("verify") === "1" ? orRespond(() => checkAuditChain(db, actor)) : null;
  return json({
    canVerify,
    chain,
    filters,
    entityTypes: auditEntityTypes(db),
    result: listAuditEvents(db, actor, filters, pageFromUrl(url)),
  });
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function ChainCheck({ chain }: { chain: ChainReport | null }) {
  const { t } = useTranslation("admin");
  const locale = useLocale();
  const broken = chain?.broken;
  const params = { count: chain?.checked ?? 0, lastId: chain?.lastId ?? 0, id: broken?.id ?? 0, at: broken?.at ? formatDateTime(broken.at, locale) : "" };
  const message = !chain
    ? null
    : !broken
      ? chain.checked === 0
        ? t("audit.chain.empty")
        : t("audit.chain.ok", params)
      : broken.reason === "hash"
        ? t("audit.chain.brokenHash", params)
        : broken.reason === "prevHash"
          ? t("audit.chain.brokenPrev", params)
          : t("audit.chain.tailRemoved", params);
  return (
    <section className="card space-y-2" aria-labelledby="chain-title">
      <h2 id="chain-title" className="font-semibold">
        {t("audit.chain.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("audit.chain.intro")}</p>
      <form method="get">
        <input type="hidden" name="verify" value="1" />
        <button type="submit" className="btn">
          {t("audit.chain.run")}
        </button>
      </form>
      {message ? (
        <p role="status" className={broken ? "font-medium text-red-800" : "font-medium text-green-800"}>
          {message}
        </p>
      ) : null}
    </section>
  );
}

export default function AuditPage() {
  const { canVerify, chain, filters, entityTypes, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("audit.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("audit.intro")}</p>
      </header>
      {canVerify ? <ChainCheck chain={chain} /> : null}
      <FilterBar>
        <Field
          className="min-w-0 flex-1 basis-full sm:basis-48"
          field={{ id: "filter-user" }}
          label={t("audit.user")}
          inputProps={{ name: "user", defaultValue: filters.username ?? "", autoCapitalize: "none" }}
        />
        <FilterSelect
          name="type"
          label={t("audit.entityType")}
          defaultValue={filters.entityType}
          options={entityTypes.map((type) => ({ value: type, label: t(`audit.types.${type}`, { defaultValue: type }) }))}
        />
        <Field field={{ id: "filter-from" }} label={t("audit.from")} inputProps={{ name: "from", type: "date", defaultValue: filters.from ?? "" }} />
        <Field field={{ id: "filter-to" }} label={t("audit.to")} inputProps={{ name: "to", type: "date", defaultValue: filters.to ?? "" }} />
      </FilterBar>
      <ol className="space-y-2">
        {result.rows.map((event) => (
          <li key={event.id} className="card p-3">
            <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <time dateTime={event.at} className="font-medium">
                {formatDateTime(event.at, locale)}
              </time>
              <span className="badge bg-slate-200 text-slate-800">{t(`audit.actions.${event.action}`)}</span>
              <span>
                {t(`audit.types.${event.entityType}`, { defaultValue: event.entityType })} #{event.entityId}
              </span>
              <span className="text-slate-600">
                {event.username
                  ? t("audit.by", { name: event.displayName, username: event.username })
                  : t("audit.bySystem")}
              </span>
            </p>
            {event.changes.length > 0 ? (
              <div className="mt-2 overflow-x-auto">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("audit.field")}</th>
                      <th scope="col">{t("audit.before")}</th>
                      <th scope="col">{t("audit.after")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {event.changes.map((c) => (
                      <tr key={c.field}>
                        <td className="font-mono text-xs">{c.field}</td>
                        <td className="break-all text-red-800">{show(c.before)}</td>
                        <td className="break-all text-green-800">{show(c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {result.rows.length === 0 ? <p className="card text-sm text-slate-600">{t("audit.none")}</p> : null}
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
