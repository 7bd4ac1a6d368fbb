import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { getLocale } from "~/i18n/locale.server";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { defaultSuggestionWindow } from "~/models/rotations/rules";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { suggestionSchema } from "~/models/rotations/schemas";
import { partnerFacilities, suggestCandidates, supportedItems, type Candidate, type Suggestions } from "~/models/rotations/suggestions.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { parseSubmission } from "~/utils/form.server";
import { Field, SelectField } from "~/components/fields";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:suggestions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const db = getDb();
  const today = todayInVietnam();
  const items = actor.facilityId ? supportedItems(db, actor.facilityId, locale) : [];
  const partners = actor.facilityId ? partnerFacilities(db, actor.facilityId, locale) : [];
  const proposed = defaultSuggestionWindow(today);
  const defaults = {
    transferItemId: url.searchParams.get("transferItemId") ?? "",
    techniqueCode: url.searchParams.get("techniqueCode") ?? "",
    toFacilityId: url.searchParams.get("toFacilityId") ?? "",
    startOn: url.searchParams.get("startOn") ?? proposed.start,
    endOn: url.searchParams.get("endOn") ?? proposed.end,
  };
  const asked = url.searchParams.has("startOn");
  if (!asked) return json({ items, partners, defaults, result: null as Suggestions | null, errors: null as string[] | null });
  const submission = parseSubmission(url.searchParams, suggestionSchema);
  if (submission.status !== "success") {
    const errors = Object.values(submission.error ?? {}).flatMap((e) => e ?? []);
    return json({ items, partners, defaults, result: null, errors }, { status: 400 });
  }
  const v = submission.value;
  return orRespond(
    () => {
      const result = suggestCandidates(db, actor, {
        transferItemId: v.transferItemId,
        techniqueId: v.transferItemId ? null : v.techniqueId,
        techniqueCode: v.transferItemId ? null : v.techniqueCode,
        toFacilityId: v.toFacilityId,
        window: { start: v.startOn, end: v.endOn },
        locale,
      });
      return json({ items, partners, defaults, result, errors: null });
    },
    // A window or technique the rules refuse is shown above the form, not on an error page.
    (error) => json({ items, partners, defaults, result: null, errors: [encodeMessage(error.message, error.params)] }, { status: error.status }),
  );
}

function Reasons({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation("rotations");
  const locale = useLocale();
  return (
    <ul className="mt-1 list-inside list-disc text-xs text-slate-600">
      {candidate.reasons.map((r, i) => {
        const params = Object.fromEntries(
          Object.entries(r.params ?? {}).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v]),
        );
        return <li key={i}>{translateMessage(t, encodeMessage(r.key, params))}</li>;
      })}
    </ul>
  );
}

export default function SuggestionsPage() {
  const { items, partners, defaults, result, errors } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const scheduleHref = (staffId: number) => {
    if (!result) return "#";
    const p = new URLSearchParams({ staff: String(staffId), start: result.window.start, end: result.window.end });
    if (result.to) p.set("to", String(result.to.id));
    if (result.transferItem) {
      p.set("item", String(result.transferItem.id));
      p.set("agreement", String(result.transferItem.agreementId));
    }
    return `/rotations/new?${p.toString()}`;
  };
  return (
    <div className="space-y-4">
      <PageBackLink to="/rotations">{t("list.title")}</PageBackLink>
      <header>
        <h1 className="page-title">{t("suggestions.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("suggestions.intro")}</p>
      </header>
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <SelectField
          className="min-w-0 flex-1 basis-full sm:basis-96"
          field={{ id: "transferItemId" }}
          label={t("suggestions.item")}
          selectProps={{ name: "transferItemId", defaultValue: defaults.transferItemId }}
        >
          <option value="">{t("form.choose")}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.label}
            </option>
          ))}
        </SelectField>
        <Field
          field={{ id: "techniqueCode" }}
          label={t("suggestions.orTechnique")}
          inputProps={{ name: "techniqueCode", defaultValue: defaults.techniqueCode, placeholder: "10.12", className: "input w-32 font-mono" }}
        />
        <SelectField
          field={{ id: "toFacilityId" }}
          label={t("fields.toFacilityId")}
          selectProps={{ name: "toFacilityId", defaultValue: defaults.toFacilityId }}
        >
          <option value="">{t("form.choose")}</option>
          {partners.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </SelectField>
        <Field field={{ id: "startOn" }} label={t("fields.startOn")} inputProps={{ name: "startOn", type: "date", defaultValue: defaults.startOn }} />
        <Field field={{ id: "endOn" }} label={t("fields.endOn")} inputProps={{ name: "endOn", type: "date", defaultValue: defaults.endOn }} />
        <button type="submit" className="btn">
          {t("suggestions.submit")}
        </button>
      </Form>
      <FormErrors errors={errors ?? undefined} />
      {result ? (
        <>
          <section className="card space-y-1 text-sm">
            <p>
              <span className="font-mono">{result.technique.code}</span> {result.technique.name}
            </p>
            <p className="text-slate-600">
              {result.from.name} → {result.to?.name ?? "—"} · {formatDate(result.window.start, locale)} – {formatDate(result.window.end, locale)}
            </p>
            <p className="text-slate-600">{t("suggestions.limit", { peak: result.awayPeak, limit: result.limit })}</p>
          </section>
          <section className="card p-0" aria-labelledby="candidates">
            <h2 id="candidates" className="border-b border-slate-200 px-4 py-2 font-semibold">
              {t("suggestions.candidates", { count: result.candidates.length })}
            </h2>
            {result.candidates.length === 0 ? <p className="p-4 text-sm text-slate-600">{t("suggestions.none")}</p> : null}
            <ol className="divide-y divide-slate-100">
              {result.candidates.map((c, i) => (
                <li key={c.staffId} className="flex flex-wrap items-start justify-between gap-2 px-4 py-2" data-testid="candidate">
                  <div>
                    <span className="mr-1 text-slate-500">{i + 1}.</span>
                    <Link to={`/staff/${c.staffId}`} className="link font-medium">
                      {c.fullName}
                    </Link>{" "}
                    <span className="text-sm text-slate-600">· {te(`cadre.${c.cadre}`)}</span>
                    <Reasons candidate={c} />
                  </div>
                  {result.canSchedule ? (
                    <Link to={scheduleHref(c.staffId)} className="btn-secondary" aria-label={`${t("suggestions.schedule")}: ${c.fullName}`}>
                      {t("suggestions.schedule")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
          <section className="card p-0" aria-labelledby="excluded">
            <h2 id="excluded" className="border-b border-slate-200 px-4 py-2 font-semibold">
              {t("suggestions.excluded", { count: result.excludedTotal })}
            </h2>
            <ul className="divide-y divide-slate-100">
              {result.excluded.map((c) => (
                <li key={c.staffId} className="px-4 py-2 text-sm" data-testid="excluded">
                  <Link to={`/staff/${c.staffId}`} className="link">
                    {c.fullName}
                  </Link>{" "}
                  <span className="text-slate-600">· {te(`cadre.${c.cadre}`)}</span>
                  <Reasons candidate={c} />
                </li>
              ))}
            </ul>
            {result.excludedTotal > result.excluded.length ? (
              <p className="px-4 py-2 text-xs text-slate-500">{t("suggestions.moreExcluded", { count: result.excludedTotal - result.excluded.length })}</p>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}
