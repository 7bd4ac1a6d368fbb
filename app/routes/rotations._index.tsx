import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getLocale } from "~/i18n/locale.server";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { useTranslation } from "react-i18next";
import { FilterBar, ResultsTable } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/rotations/status-badge";
import { RotationFilters } from "~/components/rotations/board-filters";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { ROTATION_DISPLAY_STATUSES } from "~/models/enums";
import { getAbsenceSummary, setAbsenceLimit, type AbsenceSummary } from "~/models/rotations/absence.server";
import { listRotations, parseRotationFilters } from "~/models/rotations/queries.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { absenceLimitSchema } from "~/models/rotations/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { forbidden } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = parseRotationFilters(url);
  const today = todayInVietnam();
  const db = getDb();
  return json({
    filters,
    result: listRotations(db, actor, filters, pageFromUrl(url), today, locale),
    canManage: hasCapability(actor, "rotations.manage"),
    absence: actor.facilityId ? getAbsenceSummary(db, actor, actor.facilityId, today, locale) : null,
  });
}

/** The facility's concurrent-absence limit (the only form on this page). */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!actor.facilityId) throw forbidden();
  const submission = await parseForm(request, absenceLimitSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    setAbsenceLimit(getDb(), actor, actor.facilityId, { limit: submission.value.limit ?? null, version: submission.value.version });
    return json({ result: submission.reply({ resetForm: true }), stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

function AbsenceLimitCard({ absence }: { absence: AbsenceSummary }) {
  const { t } = useTranslation("rotations");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: absenceLimitSchema }),
    defaultValue: { limit: absence.setting?.toString() ?? "" },
  });
  return (
    <section className="card space-y-2 text-sm" aria-labelledby="absence-limit">
      <h2 id="absence-limit" className="font-semibold">
        {t("limit.title", { facility: absence.facilityName })}
      </h2>
      <p>
        {t("limit.summary", { away: absence.awayToday, limit: absence.limit })}{" "}
        <span className="text-slate-500">
          {absence.setting === null ? t("limit.byBeds", { beds: absence.beds, guide: absence.guide }) : t("limit.custom", { guide: absence.guide })}
        </span>
      </p>
      {absence.canEdit ? (
        <Form method="post" className="flex flex-wrap items-end gap-2" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="version" value={absence.version} />
          <Field
            field={fields.limit}
            label={t("limit.field")}
            inputProps={{ ...getInputProps(fields.limit, { type: "number" }), min: 0, placeholder: String(absence.guide), className: "input w-32" }}
          />
          <button type="submit" name="intent" value="limit" className="btn-secondary">
            {t("limit.save")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function RotationsPage() {
  const { filters, result, canManage, absence } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("list.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("list.intro")}</p>
        </div>
        <nav className="flex flex-wrap gap-2" aria-label={t("list.title")}>
          <Link to="/rotations/board" className="btn-secondary">
            {t("list.board")}
          </Link>
          <Link to="/rotations/reports" className="btn-secondary">
            {t("list.reports")}
          </Link>
          <Link to="/rotations/quotas" className="btn-secondary">
            {t("planning:quota.title")}
          </Link>
          <Link to="/planning/decay" className="btn-secondary">
            {t("planning:decay.title")}
          </Link>
          {absence ? (
            <a href="/rotations/calendar.ics" className="btn-secondary">
              {t("list.calendar")}
            </a>
          ) : null}
          {canManage ? (
            <>
              <Link to="/rotations/suggestions" className="btn-secondary">
                {t("list.suggestions")}
              </Link>
              <Link to="/rotations/plan" className="btn-secondary">
                {t("solver:form.link")}
              </Link>
              <Link to="/rotations/new" className="btn">
                {t("list.new")}
              </Link>
            </>
          ) : null}
        </nav>
      </header>
      {absence ? <AbsenceLimitCard absence={absence} /> : null}
      <FilterBar>
        <RotationFilters q={filters.q} status={filters.status} />
      </FilterBar>
      <ResultsTable
        empty={result.rows.length === 0 ? t("list.empty") : null}
        columns={[
          { label: t("columns.staff") },
          { label: t("columns.from"), className: "hidden md:table-cell" },
          { label: t("columns.to") },
          { label: t("columns.dates") },
          { label: t("columns.purpose"), className: "hidden sm:table-cell" },
          { label: t("columns.status") },
        ]}
      >
        {result.rows.map((row) => (
          <tr key={row.id}>
            <td>
              <Link to={`/rotations/${row.id}`} className="link">
                {row.staffName}
              </Link>
              {row.overridden ? (
                <span className="badge ml-1 border border-amber-400 bg-amber-50 text-amber-900">{t("flags.override")}</span>
              ) : null}
              {row.shortTerm ? <span className="badge ml-1 bg-slate-100 text-slate-700">{t("flags.shortTerm")}</span> : null}
            </td>
            <td className="hidden md:table-cell" data-label={t("columns.from")}>{row.fromName}</td>
            <td data-label={t("columns.to")}>{row.toName}</td>
            <td className="whitespace-nowrap" data-label={t("columns.dates")}>
              {formatDate(row.startOn, locale)} – {formatDate(row.endOn, locale)}
            </td>
            <td className="hidden sm:table-cell" data-label={t("columns.purpose")}>{te(`rotationPurpose.${row.purpose}`)}</td>
            <td data-label={t("columns.status")}>
              <StatusBadge status={row.status} />
            </td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
