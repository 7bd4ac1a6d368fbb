// Technique-list requests: the list (scoped to the reader) and, for a facility director, the
// form that submits additions for the department's approval.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect, ResultsTable } from "~/components/filter-bar";
import { FormErrors } from "~/components/form";
import { TextareaField } from "~/components/fields";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { listListRequests, submitListRequest } from "~/models/adoption/list-requests.server";
import { listRequestSchema, parseRequestLines } from "~/models/adoption/schemas";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { LIST_REQUEST_STATUSES, type ListRequestStatus } from "~/models/enums";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { todayInVietnam } from "~/utils/domain-response.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "adoption:requests.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = (LIST_REQUEST_STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as ListRequestStatus) : null;
  return json({
    status,
    page: listListRequests(getDb(), actor, { status, page: pageFromUrl(url) }, await getLocale(request)),
    canSubmit: hasCapability(actor, "techniqueList.submit") && actor.facilityId !== null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "techniqueList.submit");
  const submission = await parseForm(request, listRequestSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { items } = parseRequestLines(submission.value.items);
    const created = submitListRequest(
      getDb(),
      actor,
      { items, comment: submission.value.comment, facilityId: submission.value.facilityId },
      todayInVietnam(),
    );
    return redirect(`/adoption/requests/${created.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function ListRequestsPage() {
  const { status, page, canSubmit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(listRequestSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: listRequestSchema }),
  });
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("requests.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("requests.intro")}</p>
      </header>
      <FilterBar>
        <FilterSelect
          name="status"
          label={t("common:status")}
          defaultValue={status ?? undefined}
          options={LIST_REQUEST_STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: te(`listRequestStatus.${s}`) }))}
        />
      </FilterBar>
      <ResultsTable
        empty={page.rows.length === 0 ? t("requests.empty") : null}
        columns={[
          { label: "#" },
          { label: t("common:facility") },
          { label: t("common:status") },
          { label: t("requests.items"), className: "text-right" },
          { label: t("requests.submittedAt"), className: "hidden sm:table-cell" },
          { label: t("requests.decision"), className: "hidden md:table-cell" },
        ]}
      >
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/adoption/requests/${r.id}`} className="link">
                      {r.id}
                    </Link>
                  </td>
                  <td data-label={t("common:facility")}>
                    <Link to={`/adoption/requests/${r.id}`} className="link">
                      {r.facilityName}
                    </Link>
                  </td>
                  <td data-label={t("common:status")}>
                    {te(`listRequestStatus.${r.status}`)}
                    {r.status !== "submitted" ? <span className="block text-xs text-slate-500">{formatDateTime(r.statusAt, locale)}</span> : null}
                    {r.approvedItems > 0 && r.returnedItems > 0 ? (
                      <span className="block text-xs text-slate-600">{t("requests.outcomeCounts", { approved: r.approvedItems, returned: r.returnedItems })}</span>
                    ) : null}
                  </td>
                  <td className="text-right tabular-nums" data-label={t("requests.items")}>{formatNumber(r.items, locale)}</td>
                  <td className="hidden sm:table-cell">{formatDateTime(r.submittedAt, locale)}</td>
                  <td className="hidden md:table-cell">
                    {r.decisionNumber ? `${r.decisionNumber} (${formatDate(r.decisionOn, locale)})` : ""}
                  </td>
                </tr>
              ))}
      </ResultsTable>
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />

      {canSubmit ? (
        <Form method="post" className="card space-y-3" {...getFormProps(form)}>
          <h2 className="text-lg font-semibold">{t("requests.new")}</h2>
          <FormErrors errors={form.errors} />
          <TextareaField
            field={fields.items}
            label={t("requests.itemsLabel")}
            description={t("requests.itemsHelp")}
            textareaProps={{ className: "input font-mono", rows: 6, placeholder: "10.367 2025-03-15", ...getTextareaProps(fields.items) }}
          />
          <TextareaField field={fields.comment} label={t("requests.comment")} textareaProps={{ rows: 2, ...getTextareaProps(fields.comment) }} />
          <button type="submit" className="btn">
            {t("requests.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
