// Targets: the list with computed achievement, and for the department the form that sets one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { TargetForm } from "~/components/reports/target-form";
import { TargetForecastShort } from "~/components/reports/forecast-target";
import { TargetStatusBadge } from "~/components/reports/target-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability, readsEverything } from "~/models/access/policy";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { createTarget } from "~/models/targets/commands.server";
import { listTargets } from "~/models/targets/targets.server";
import { targetSchema } from "~/models/targets/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { todayInVietnam } from "~/utils/domain-response.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "reports:targets.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  return json({
    page: listTargets(getDb(), actor, { provinceCode: url.searchParams.get("province"), page: pageFromUrl(url) }, today, await getLocale(request)),
    canManage: hasCapability(actor, "targets.manage"),
    showProvince: readsEverything(actor),
    today,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const submission = await parseForm(request, targetSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const target = createTarget(getDb(), actor, submission.value);
    return redirect(`/targets/${target.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function TargetsPage() {
  const { page, canManage, showProvince, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("reports");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("targets.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("targets.intro")}</p>
      </header>
      {searchParams.has("deleted") ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" role="status">
          {t("targets.deleted")}
        </p>
      ) : null}
      <section className="card overflow-x-auto p-0">
        {page.rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t("targets.empty")}</p>
        ) : (
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("fields.title")}</th>
                <th scope="col" className="hidden md:table-cell">{t("targets.scope")}</th>
                <th scope="col" className="hidden sm:table-cell">{t("targets.period")}</th>
                <th scope="col" className="text-right">{t("targets.achievement")}</th>
                <th scope="col">{t("targets.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((target) => (
                <tr key={target.id} data-testid="target-row">
                  <td>
                    <Link to={`/targets/${target.id}`} className="link">{target.title}</Link>
                    <p className="text-xs text-slate-500">{te(`targetIndicator.${target.indicator}`)}</p>
                  </td>
                  <td className="hidden md:table-cell">{target.scopeName}</td>
                  <td className="hidden whitespace-nowrap sm:table-cell">
                    {formatDate(target.periodStart, locale)} – {formatDate(target.periodEnd, locale)}
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums" data-testid="target-achievement" data-label={t("targets.achievement")}>
                    {t("targets.achievementText", { value: n(target.value), target: n(target.targetValue), percent: `${formatNumber(target.percent, locale, 1)}%` })}
                    <TargetForecastShort forecast={target.forecast} />
                  </td>
                  <td data-label={t("targets.status")}><TargetStatusBadge status={target.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />
      {canManage ? (
        <TargetForm
          heading={t("targets.new")}
          submitLabel={t("targets.create")}
          showProvince={showProvince}
          lastResult={actionData?.result}
          defaultValue={{ indicator: "new_cross_level_techniques", periodStart: `${today.slice(0, 4)}-01-01`, periodEnd: `${today.slice(0, 4)}-12-31`, baseline: "0" }}
        />
      ) : null}
    </div>
  );
}
