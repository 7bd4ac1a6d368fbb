import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { techniqueHref } from "~/components/links";
import { StatusBadge } from "~/components/rotations/status-badge";
import { UnavailabilitySection, type UnavailabilityWarningView } from "~/components/staff/unavailability-section";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { rotationsOfStaff } from "~/models/rotations/queries.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { displayStatus } from "~/models/rotations/rules";
import { listCommitments } from "~/models/schedule/commitments.server";
import { isCourseKind } from "~/models/schedule/rules";
import { getStaffMember } from "~/models/staff/queries.server";
import { deleteUnavailabilitySchema, unavailabilitySchema } from "~/models/staff/unavailability";
import { createUnavailability, deleteUnavailability, listUnavailability, updateUnavailability } from "~/models/staff/unavailability.server";
import { parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "staff:title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const db = getDb();
  const id = requireId(params.id);
  const detail = getStaffMember(db, actor, id, locale);
  if (!detail) throw notFound();
  const today = todayInVietnam();
  const unavailability = listUnavailability(db, actor, id);
  // `?unavailability=<id>` opens that period's edit form (for those who may change it).
  const editingId = Number(new URL(request.url).searchParams.get("unavailability"));
  const editing = unavailability.canManage ? (unavailability.periods.find((p) => p.id === editingId) ?? null) : null;
  return json({
    detail,
    rotations: rotationsOfStaff(db, id, null, locale).map((r) => ({ ...r, status: displayStatus(r, today) })),
    courses: listCommitments(db, id).filter((c) => isCourseKind(c.kind)),
    unavailability: { ...unavailability, editing },
  });
}

// The unavailability section's forms: save (add, or edit when the form carries an id) and delete.
// The model checks scope (403), the person and the period (404), dates (400), overlap and
// version (409); a save answers with the commitments the period covers, for the page to link.
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const staffId = requireId(params.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "unavailability-delete") {
    const submission = parseSubmission(formData, deleteUnavailabilitySchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      deleteUnavailability(getDb(), actor, staffId, submission.value.id, { version: submission.value.version });
      return json({ result: submission.reply({ resetForm: true }), stale: null, done: "deleted" as const, warnings: [] });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  if (intent !== "unavailability-save") throw new Response(encodeMessage("common:validation.invalid"), { status: 400 });
  const submission = parseSubmission(formData, unavailabilitySchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { id, version, kind, startOn, endOn, note } = submission.value;
  const input = { kind, startOn, endOn, note: note ?? null };
  try {
    const { warnings } =
      id === undefined
        ? createUnavailability(getDb(), actor, staffId, input)
        : // An edit form always carries its version; one without it is stale by definition.
          updateUnavailability(getDb(), actor, staffId, id, { ...input, version: version ?? -1 });
    return json({ result: submission.reply({ resetForm: true }), stale: null, done: "saved" as const, warnings });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function StaffMemberPage() {
  const { detail, rotations, courses, unavailability } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const m = detail.member;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/staff" className="link text-sm">
          ← {t("title")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{m.fullName}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {te(`cadre.${m.cadre}`)}
            {m.title ? ` · ${m.title}` : null} · {detail.facilityName}
            {m.active ? null : ` · ${t("inactive")}`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`/staff/${m.id}/calendar.ics`} className="btn-secondary">
            {t("calendar")}
          </a>
          {detail.canEdit ? (
            <Link to={`/staff/${m.id}/edit`} className="btn-secondary">
              {t("edit")}
            </Link>
          ) : null}
          {detail.canRotate && m.active ? (
            <Link to={`/rotations/new?staff=${m.id}`} className="btn">
              {t("schedule")}
            </Link>
          ) : null}
        </div>
      </header>
      <section className="card">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("fields.chapterNumber")}</dt>
            <dd>{detail.chapterName ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("fields.licenceNumber")}</dt>
            <dd className="font-mono">{m.licenceNumber ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("fields.email")}</dt>
            <dd>{m.email ?? "—"}</dd>
          </div>
        </dl>
      </section>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t("fields.techniques")}</h2>
        {detail.techniques.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noTechniques")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {detail.techniques.map((tech) => (
              <li key={tech.id}>
                <Link to={techniqueHref(tech.code)} className="link font-mono">
                  {tech.code}
                </Link>{" "}
                {tech.name}
                {tech.since ? <span className="text-slate-500"> · {t("since", { date: formatDate(tech.since, locale) })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card p-0">
        <h2 className="border-b border-slate-200 px-4 py-2 font-semibold">{t("rotations")}</h2>
        {rotations.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{t("noRotations")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rotations.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                <Link to={`/rotations/${r.id}`} className="link">
                  {r.toName}
                </Link>
                <span className="whitespace-nowrap text-slate-600">
                  {formatDate(r.startOn, locale)} – {formatDate(r.endOn, locale)}
                </span>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <UnavailabilitySection
        periods={unavailability.periods}
        canManage={unavailability.canManage}
        editing={unavailability.editing}
        actionData={
          actionData
            ? {
                result: actionData.result,
                // Only a success carries these; a refusal's reply has neither.
                done: "done" in actionData && (actionData.done === "saved" || actionData.done === "deleted") ? actionData.done : null,
                warnings: "warnings" in actionData && Array.isArray(actionData.warnings) ? (actionData.warnings as UnavailabilityWarningView[]) : [],
              }
            : undefined
        }
      />
      {courses.length > 0 ? (
        <section className="card p-0">
          <h2 className="border-b border-slate-200 px-4 py-2 font-semibold">{t("courses")}</h2>
          <ul className="divide-y divide-slate-100">
            {courses.map((c) => (
              <li key={`${c.kind}-${c.id}-${c.start}`} className="flex flex-wrap justify-between gap-2 px-4 py-2 text-sm">
                <span>
                  {c.title} <span className="text-slate-500">· {t(`courseRole.${c.kind}`)}</span>
                </span>
                <span className="whitespace-nowrap text-slate-600">
                  {formatDate(c.start, locale)} – {formatDate(c.end, locale)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
