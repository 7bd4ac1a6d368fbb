import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FilterBar, FilterSelect, ResultsTable } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { TELE_OUTCOMES, TELE_SESSION_KINDS } from "~/models/enums";
import { canRecordSessions, listSessions, sessionFilterOptions } from "~/models/tele/sessions.server";
import { sessionFilterSchema } from "~/models/tele/sessions-schemas";
import { orRespond } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = sessionFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  return json({
    filters,
    result: orRespond(() => listSessions(db, actor, filters, pageFromUrl(url), locale)),
    options: sessionFilterOptions(db, actor, locale),
    canRecord: canRecordSessions(actor),
  });
}

export default function SessionLogPage() {
  const { filters, result, options, canRecord } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const asFilter = (list: { value: number; label: string }[]) => list.map((o) => ({ value: String(o.value), label: o.label }));
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("sessions.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("sessions.intro")}</p>
        </div>
        {canRecord ? (
          <nav className="flex flex-wrap gap-2" aria-label={t("sessions.title")}>
            <Link to="/tele/sessions/new-consultation" className="btn" data-testid="new-consultation">
              {t("sessions.newConsultation")}
            </Link>
            <Link to="/tele/sessions/new-training" className="btn-secondary" data-testid="new-training">
              {t("sessions.newTraining")}
            </Link>
          </nav>
        ) : null}
      </header>
      {/* The province a report drilled in with stays through the filters (the form has no province field). */}
      <FilterBar keep={{ province: filters.province }}>
        <Field
          className="min-w-0 flex-1 basis-full sm:w-64 sm:flex-none sm:basis-auto"
          field={{ id: "filter-q" }}
          label={t("sessions.log.q")}
          inputProps={{ name: "q", type: "search", defaultValue: filters.q ?? "" }}
        />
        <FilterSelect name="kind" label={t("sessions.log.kind")} defaultValue={filters.kind} options={TELE_SESSION_KINDS.map((k) => ({ value: k, label: t(`sessions.kind.${k}`) }))} />
        <FilterSelect name="hub" label={t("sessions.fields.hubFacilityId")} defaultValue={filters.hub} options={asFilter(options.hubs)} />
        <FilterSelect name="spoke" label={t("sessions.log.spoke")} defaultValue={filters.spoke} options={asFilter(options.spokes)} />
        <FilterSelect name="chapter" label={t("sessions.log.chapter")} defaultValue={filters.chapter} options={asFilter(options.chapters)} />
        <FilterSelect name="outcome" label={t("sessions.log.outcome")} defaultValue={filters.outcome} options={TELE_OUTCOMES.map((o) => ({ value: o, label: t(`sessions.outcome.${o}`) }))} />
        <Field className="w-36" field={{ id: "filter-technique" }} label={t("sessions.log.technique")} inputProps={{ name: "technique", type: "text", defaultValue: filters.technique ?? "" }} />
        <Field className="w-40" field={{ id: "filter-from" }} label={t("sessions.log.from")} inputProps={{ name: "from", type: "date", defaultValue: filters.from ?? "" }} />
        <Field className="w-40" field={{ id: "filter-to" }} label={t("sessions.log.to")} inputProps={{ name: "to", type: "date", defaultValue: filters.to ?? "" }} />
      </FilterBar>
      {result.capped ? <p className="text-sm text-amber-800">{t("sessions.log.capped", { count: formatNumber(result.total, locale) })}</p> : null}
      <ResultsTable
        empty={result.rows.length === 0 ? t("sessions.log.empty") : null}
        columns={[
          { label: t("sessions.log.date") },
          { label: t("sessions.log.titleColumn") },
          { label: t("sessions.log.kind"), className: "hidden sm:table-cell" },
          { label: t("sessions.fields.hubFacilityId") },
          { label: t("sessions.log.spokes") },
          { label: t("sessions.log.outcome") },
        ]}
      >
        {result.rows.map((row) => (
          <tr key={row.id} data-testid="session-row">
            <td className="whitespace-nowrap" data-label={t("sessions.log.date")}>
              {formatDate(row.heldOn, locale)} {row.startTime}
            </td>
            <td data-label={t("sessions.log.titleColumn")}>
              <Link to={`/tele/sessions/${row.id}`} className="link">
                {row.title}
              </Link>
              {row.techniqueCode ? <span className="ml-1 text-xs text-slate-500">{row.techniqueCode}</span> : null}
            </td>
            <td className="hidden sm:table-cell" data-label={t("sessions.log.kind")}>{t(`sessions.kind.${row.kind}`)}</td>
            <td data-label={t("sessions.fields.hubFacilityId")}>{row.hubName}</td>
            <td data-label={t("sessions.log.spokes")}>{row.spokeNames}</td>
            <td data-label={t("sessions.log.outcome")}>{row.outcome ? t(`sessions.outcome.${row.outcome}`) : "—"}</td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
