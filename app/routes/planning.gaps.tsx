import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref } from "~/components/links";
import { GapLinesTable } from "~/components/planning/gaps-matrix";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { ownFacilityId } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { addGapToPlan, gapPlanSchema, getFacilityGaps } from "~/models/planning/gaps.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { boundedInt, parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:gaps.title");

/** The facility the page is about: the `facility` parameter, else the reader's own; a 400 when unreadable. */
function facilityOf(url: URL, own: number | null): number | null {
  const raw = url.searchParams.get("facility");
  if (raw === null || raw.trim() === "") return own;
  const id = parsePositiveInt(raw.trim());
  if (id === null) throw new Response(encodeMessage("planning:gaps.errors.badFacility"), { status: 400 });
  return id;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const facilityId = facilityOf(url, ownFacilityId(actor));
  // Readers without a facility of their own start from the province matrix and pick one there.
  if (facilityId === null) throw redirect("/planning/gaps/province");
  const rawChapter = url.searchParams.get("chapter");
  const chapter = rawChapter ? parsePositiveInt(rawChapter, 99) : null;
  if (rawChapter && chapter === null) throw new Response(encodeMessage("planning:gaps.errors.chapter"), { status: 400 });
  const gaps = orRespond(() =>
    getFacilityGaps(getDb(), actor, facilityId, {
      allChapters: url.searchParams.get("chapters") === "all",
      withPartners: url.searchParams.get("partners") === "1",
      chapter,
      page: boundedInt(url.searchParams.get("page"), 1, 1_000_000, 1),
      today: todayInVietnam(),
      locale,
    }),
  );
  const added = url.searchParams.get("added");
  const addedTo = gaps.agreements.find((a) => String(a.id) === url.searchParams.get("agreement"));
  return json({ gaps, added: added && addedTo ? { code: added.slice(0, 20), number: addedTo.number, agreementId: addedTo.id } : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const facilityId = facilityOf(url, ownFacilityId(actor));
  if (facilityId === null) throw new Response(encodeMessage("planning:gaps.errors.badFacility"), { status: 400 });
  const submission = await parseForm(request, gapPlanSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addGapToPlan(getDb(), actor, facilityId, submission.value, todayInVietnam());
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  // Back to the same matrix, where the line now reads "in plan", with a word of what was done.
  const next = new URLSearchParams(url.searchParams);
  next.set("facility", String(facilityId));
  next.set("added", submission.value.techniqueCode);
  next.set("agreement", String(submission.value.agreementId));
  return redirect(`/planning/gaps?${next.toString()}`);
}

export default function GapMatrixPage() {
  const { gaps, added } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t } = useTranslation("planning");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const f = gaps.facility;
  const above = gaps.levels[1];
  const reply = actionData?.result;
  const refusal =
    reply && reply.status === "error"
      ? {
          techniqueCode: String((reply.initialValue as Record<string, unknown> | undefined)?.techniqueCode ?? ""),
          errors: Object.values(reply.error ?? {}).flatMap((e) => e ?? []),
        }
      : null;
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.set("facility", String(f.id));
    for (const key of ["added", "agreement", "page"]) next.delete(key);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `/planning/gaps?${next.toString()}`;
  };
  return (
    <div className="space-y-4">
      <header className="card">
        <p className="text-sm text-slate-500">
          <Link to={facilityHref(f.id)} className="link">
            {f.shortName}
          </Link>{" "}
          · <span className="font-mono">{f.code}</span>
        </p>
        <h1 className="page-title">{t("gaps.title")}</h1>
        <p className="mt-1 font-medium">{f.name}</p>
        <p className="mt-1 flex flex-wrap items-center gap-1 text-sm text-slate-700">
          <LevelBadge level={f.level} />
          {above ? <LevelBadge level={above} /> : null}
          <span>{above ? t("gaps.levels", { level: f.level, above }) : t("gaps.levelsTop", { level: f.level })}</span>
          <span className="ml-2 font-semibold" data-testid="gap-total">
            {t("gaps.total", { count: gaps.total, formatted: formatNumber(gaps.total, locale) })}
          </span>
        </p>
        <p className="mt-2 text-sm text-slate-600">{t("gaps.intro")}</p>
        {f.provinceCode ? (
          <Link to={`/planning/gaps/province?province=${f.provinceCode}`} className="link mt-2 inline-block text-sm">
            {t("gaps.province.title")}
          </Link>
        ) : null}
      </header>

      {added ? (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="gap-added">
          {t("gaps.added", { code: added.code, number: added.number })}{" "}
          <Link to={`/agreements/${added.agreementId}`} className="link">
            {t("gaps.openAgreement")}
          </Link>
        </p>
      ) : null}
      {refusal && !gaps.shown.some((c) => c.lines.some((l) => l.code === refusal.techniqueCode)) ? <FormErrors errors={refusal.errors} /> : null}

      <nav className="card flex flex-wrap items-center gap-2 text-sm" aria-label={t("gaps.partnersLabel")}>
        <span className="font-medium">{t("gaps.partnersLabel")}:</span>
        <Link to={withParams({ partners: null })} className={gaps.withPartners ? "btn-secondary" : "btn"} aria-current={gaps.withPartners ? undefined : "true"}>
          {t("gaps.partnersAny")}
        </Link>
        <Link to={withParams({ partners: "1" })} className={gaps.withPartners ? "btn" : "btn-secondary"} aria-current={gaps.withPartners ? "true" : undefined}>
          {t("gaps.partnersOnly")}
        </Link>
      </nav>

      {gaps.chapter ? (
        <Link to={withParams({ chapter: null })} className="link text-sm">
          {t("gaps.wholeMatrix")}
        </Link>
      ) : (
        <nav className="card flex flex-wrap items-center gap-2 text-sm" aria-label={t("gaps.filterLabel")}>
          <span className="font-medium">{t("gaps.filterLabel")}:</span>
          {gaps.agreements.length === 0 || !gaps.chapterCounts.some((c) => c.covered) ? (
            <span className="text-slate-600">{t("gaps.noAgreements")}</span>
          ) : (
            <>
              <Link
                to={withParams({ chapters: null })}
                className={gaps.chapterFilter === "agreements" ? "btn" : "btn-secondary"}
                aria-current={gaps.chapterFilter === "agreements" ? "true" : undefined}
              >
                {t("gaps.filterAgreements")}
              </Link>
              <Link
                to={withParams({ chapters: "all" })}
                className={gaps.chapterFilter === "all" ? "btn" : "btn-secondary"}
                aria-current={gaps.chapterFilter === "all" ? "true" : undefined}
              >
                {t("gaps.filterAll")}
              </Link>
            </>
          )}
        </nav>
      )}

      {gaps.total === 0 ? <p className="card text-slate-600">{t("gaps.none")}</p> : null}
      {gaps.total > 0 && gaps.shown.length === 0 ? <p className="card text-slate-600">{t("gaps.noneShown")}</p> : null}

      {gaps.shown.map((c) => (
        <section key={c.number} className="card p-0" aria-labelledby={`chapter-${c.number}`} data-testid="gap-chapter">
          <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2">
            <h2 id={`chapter-${c.number}`} className="font-semibold">
              {c.number}. {c.name}
              {c.covered ? <span className="badge ml-2 bg-sky-100 text-sky-800">{t("gaps.covered")}</span> : null}
            </h2>
            <span className="text-sm text-slate-600">{t("gaps.chapterSummary", { total: formatNumber(c.total, locale), inPlan: formatNumber(c.inPlan, locale) })}</span>
          </div>
          <GapLinesTable lines={c.lines} refusal={refusal} busy={navigation.state !== "idle"} />
          {c.more > 0 ? (
            <p className="px-4 py-2 text-sm">
              <Link to={withParams({ chapter: String(c.number) })} className="link">
                {t("gaps.moreInChapter", { count: c.more })}
              </Link>
            </p>
          ) : null}
        </section>
      ))}

      {gaps.chapter && gaps.chapter.pageCount > 1 ? (
        <nav className="flex items-center gap-3 text-sm" aria-label={tc("pagination.pageOf", { page: gaps.chapter.page, pageCount: gaps.chapter.pageCount })}>
          {gaps.chapter.page > 1 ? (
            <Link to={withParams({ page: String(gaps.chapter.page - 1) })} className="link">
              {tc("pagination.previous")}
            </Link>
          ) : null}
          <span>{tc("pagination.pageOf", { page: gaps.chapter.page, pageCount: gaps.chapter.pageCount })}</span>
          {gaps.chapter.page < gaps.chapter.pageCount ? (
            <Link to={withParams({ page: String(gaps.chapter.page + 1) })} className="link">
              {tc("pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
