import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { ConfirmButton } from "~/components/confirm-button";
import { Fact } from "~/components/fact";
import { FormErrors } from "~/components/form";

import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { deleteSession, getSession } from "~/models/tele/sessions.server";
import { deleteSessionSchema } from "~/models/tele/sessions-schemas";
import { orRespond } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.page.title");

function sessionId(params: { id?: string }): number {
  const id = parsePositiveInt(params.id ?? null);
  if (id === null) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const id = sessionId(params);
  return json(orRespond(() => getSession(getDb(), actor, id, locale)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const id = sessionId(params);
  const submission = await parseForm(request, deleteSessionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    deleteSession(getDb(), actor, id, submission.value.version);
    return redirect("/tele/sessions");
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function SessionPage() {
  const detail = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const { session } = detail;
  const sides = (["hub", "spoke"] as const).map((side) => ({ side, people: detail.participants.filter((p) => p.side === side) }));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to="/tele/sessions">{t("sessions.page.back")}</PageBackLink>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">{t(`sessions.kind.${session.kind}`)}</p>
          <h1 className="page-title" data-testid="session-title">
            {session.title}
          </h1>
        </div>
        {detail.canChange ? (
          <div className="flex flex-wrap gap-2">
            <Link to={`/tele/sessions/${session.id}/edit`} className="btn-secondary">
              {t("sessions.page.edit")}
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={session.version} />
              <ConfirmButton title={t("sessions.page.delete")} consequence={t("sessions.page.deleteConsequence")}>
                {t("sessions.page.delete")}
              </ConfirmButton>
            </Form>
          </div>
        ) : null}
      </header>
      {actionData ? <FormErrors id="delete-errors" errors={actionData.result.error?.[""] ?? undefined} /> : null}
      <dl className="card grid gap-3 sm:grid-cols-2">
        <Fact label={t("sessions.page.whenLabel")}>
          {t("sessions.page.when", { date: formatDate(session.heldOn, locale), time: session.startTime, minutes: session.durationMinutes })}
        </Fact>
        <Fact label={t("sessions.fields.hubFacilityId")}>
          <Link to={`/facilities/${detail.hub.id}`} className="link">
            {detail.hub.name}
          </Link>
        </Fact>
        <Fact label={t("sessions.page.spokes")}>
          {detail.spokes.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ", " : null}
              <Link to={`/facilities/${s.id}`} className="link">
                {s.name}
              </Link>
            </span>
          ))}
        </Fact>
        {session.chapterNumber ? <Fact label={t("sessions.fields.chapterNumber")}>{session.chapterNumber}</Fact> : null}
        {detail.technique ? (
          <Fact label={t("sessions.fields.techniqueCode")}>
            <Link to={`/techniques/${encodeURIComponent(detail.technique.code)}`} className="link">
              {detail.technique.code}
            </Link>{" "}
            {detail.technique.name}
          </Fact>
        ) : null}
        {detail.line ? (
          <Fact label={t("sessions.fields.transferItemId")}>
            <Link to={`/agreements/${detail.line.agreementId}/items/${detail.line.id}`} className="link">
              {t("sessions.page.openLine")}
            </Link>
          </Fact>
        ) : null}
        {session.seriesId ? (
          <Fact label={t("sessions.page.series")}>
            <Link to={`/tele/series/${session.seriesId}`} className="link">
              {t("sessions.page.openSeries")}
            </Link>
          </Fact>
        ) : null}
        {session.outcome ? <Fact label={t("sessions.fields.outcome")}>{t(`sessions.outcome.${session.outcome}`)}</Fact> : null}
        {session.notes ? <Fact label={t("sessions.fields.notes")}>{session.notes}</Fact> : null}
      </dl>
      <section className="card space-y-3" aria-labelledby="participants">
        <h2 id="participants" className="font-semibold">
          {t("sessions.page.participants")}
        </h2>
        {detail.participants.length === 0 ? <p className="text-sm text-slate-600">{t("sessions.page.noParticipants")}</p> : null}
        {sides
          .filter((s) => s.people.length > 0)
          .map(({ side, people }) => (
            <div key={side}>
              <h3 className="text-sm font-medium text-slate-700">{t(`sessions.page.side.${side}`)}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {people.map((p) => (
                  <li key={p.id} data-testid="participant">
                    {p.canOpen && p.staffId ? (
                      <Link to={`/credits/${p.staffId}`} className="link">
                        {p.name}
                      </Link>
                    ) : (
                      p.name
                    )}{" "}
                    <span className="text-slate-500">— {p.facilityName}</span>
                    {p.hours !== null ? <span className="ml-1 badge bg-emerald-50 text-emerald-800">{t("sessions.page.hours", { hours: formatNumber(p.hours, locale, 2) })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </section>
    </div>
  );
}
