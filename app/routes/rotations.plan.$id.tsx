import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact } from "~/components/fact";
import { FormErrors } from "~/components/form";
import { PlanStatusBadge } from "~/components/rotations/plan-status";
import { PlanProposals, PlanUnserved } from "~/components/rotations/plan-view";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber, formatPercent } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { adoptEntries, getPlan, rejectEntries, replan } from "~/models/rotations/solver/plans.server";
import { planDecisionSchema } from "~/models/rotations/solver/schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "solver:form.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const id = requireId(params.id);
  return json({ plan: orRespond(() => getPlan(getDb(), actor, id, locale)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = await parseForm(request, planDecisionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { intent, entryIds, version } = submission.value;
  const db = getDb();
  try {
    if (intent === "replan") {
      const next = await replan(db, actor, id, { version });
      return redirect(`/rotations/plan/${next.id}`);
    }
    if (intent === "reject") {
      const { rejected } = rejectEntries(db, actor, id, { entryIds, version });
      return json({ result: submission.reply({ resetForm: true }), stale: null, done: { kind: "rejected" as const, count: rejected } });
    }
    const { rotationIds } = adoptEntries(db, actor, id, { entryIds: intent === "adoptAll" ? null : entryIds, version }, todayInVietnam(), locale);
    return json({ result: submission.reply({ resetForm: true }), stale: null, done: { kind: "adopted" as const, count: rotationIds.length } });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function PlanPage() {
  const { plan } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("solver");
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  // Messages of the last decision (a refused adoption names the entry and the rule), shown above
  // the proposals; the version field always carries the version the page now shows.
  const result = actionData?.result;
  const errors = result?.status === "error" ? Object.values(result.error ?? {}).flatMap((list) => list ?? []) : [];
  const solved = plan.result;
  const m = solved.measures;
  const done = actionData && "done" in actionData ? (actionData.done as { kind: "adopted" | "rejected"; count: number }) : null;
  const boardLink = `/rotations/board?plan=${plan.id}&period=year&from=${plan.periodStart.slice(0, 7)}`;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p className="flex flex-wrap gap-3 text-sm">
        <Link to="/rotations" className="link">
          ← {t("rotations:list.title")}
        </Link>
        <Link to={`/rotations/plan?facility=${plan.facilityId}`} className="link">
          {t("plan.newPlan")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("plan.title", { id: plan.id })}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {t("plan.subtitle", { facility: plan.facilityName, start: formatDate(plan.periodStart, locale), end: formatDate(plan.periodEnd, locale) })}
          </p>
        </div>
        <span className="flex flex-wrap items-center gap-2">
          <PlanStatusBadge status={plan.status} />
          <Link to={boardLink} className="btn-secondary" data-testid="plan-board-link">
            {t("plan.onBoard")}
          </Link>
        </span>
      </header>
      {plan.nextPlanId !== null ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="status">
          {t("plan.supersededBy")}{" "}
          <Link to={`/rotations/plan/${plan.nextPlanId}`} className="link">
            {t("plan.openNewer", { id: plan.nextPlanId })}
          </Link>
        </p>
      ) : null}
      {plan.previousPlanId !== null ? (
        <p className="text-sm text-slate-600">
          <Link to={`/rotations/plan/${plan.previousPlanId}`} className="link">
            {t("plan.previous", { id: plan.previousPlanId })}
          </Link>
        </p>
      ) : null}
      <dl className="card grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="plan-facts">
        <Fact label={t("plan.facts.solver")}>{t(`plan.solver.${solved.status}`)}</Fact>
        <Fact label={t("plan.facts.gap")}>{solved.gap === null ? "–" : formatPercent(solved.gap, locale, 1)}</Fact>
        <Fact label={t("plan.facts.seconds")}>{t("plan.facts.secondsValue", { value: formatNumber(solved.seconds, locale, 1) })}</Fact>
        <Fact label={t("plan.facts.served")}>
          <span data-testid="plan-served">{t("plan.facts.servedValue", { served: m.served, lines: m.lines })}</span>
        </Fact>
        <Fact label={t("plan.facts.onTime")}>{formatNumber(m.onTime, locale)}</Fact>
        <Fact label={t("plan.facts.personMonths")}>
          {t("plan.facts.personMonthsValue", { months: formatNumber(m.personMonths, locale, 1), quota: formatNumber(m.quotaMonthsOpen, locale, 1) })}
        </Fact>
        {plan.previousPlanId !== null ? (
          <Fact label={t("plan.facts.kept")}>
            <span data-testid="plan-kept">{t("plan.facts.keptValue", { kept: m.keptFromPrevious, moved: m.movedFromPrevious })}</span>
          </Fact>
        ) : null}
      </dl>
      {plan.options.released.length > 0 ? (
        <section className="card space-y-1" data-testid="plan-released">
          <h2 className="text-lg font-semibold">{t("plan.released")}</h2>
          <ul className="list-disc pl-5 text-sm">
            {plan.options.released.map((r) => (
              <li key={r.rotationId}>
                <Link to={`/rotations/${r.rotationId}`} className="link">
                  {t("plan.releasedRow", { name: r.staffName, start: formatDate(r.startOn, locale), end: formatDate(r.endOn, locale) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("plan.proposals")}</h2>
        {done ? (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="plan-done">
            {t(`plan.${done.kind}`, { count: done.count })}
          </p>
        ) : null}
        <Form method="post" className="space-y-3" data-testid="plan-decisions" key={plan.version}>
          <FormErrors id="plan-decision-errors" errors={errors} />
          <input type="hidden" name="version" value={plan.version} />
          <PlanProposals entries={plan.entries} name="entryIds" selectable={plan.canManage} />
          {plan.canManage && plan.entries.some((e) => e.status === "proposed") ? (
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="adopt" className="btn" disabled={busy}>
                {t("plan.adoptSelected")}
              </button>
              <button type="submit" name="intent" value="adoptAll" className="btn-secondary" disabled={busy}>
                {t("plan.adoptAll")}
              </button>
              <button type="submit" name="intent" value="reject" className="btn-secondary" disabled={busy}>
                {t("plan.rejectSelected")}
              </button>
            </div>
          ) : null}
        </Form>
      </section>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("plan.unserved")}</h2>
        <PlanUnserved unserved={solved.unserved} whatIfs={solved.whatIfs} lines={plan.lines} facilityName={plan.facilityName} />
      </section>
      {plan.canManage ? (
        <Form method="post" className="card flex flex-wrap items-center gap-3" data-testid="plan-replan">
          <input type="hidden" name="version" value={plan.version} />
          <button type="submit" name="intent" value="replan" className="btn" disabled={busy}>
            {t("plan.replan")}
          </button>
          <p className="text-sm text-slate-600">{t("plan.replanHint")}</p>
        </Form>
      ) : null}
    </div>
  );
}
