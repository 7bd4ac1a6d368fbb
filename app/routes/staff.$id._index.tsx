import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { techniqueHref } from "~/components/links";
import { StatusBadge } from "~/components/rotations/status-badge";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { rotationsOfStaff } from "~/models/rotations/queries.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { displayStatus } from "~/models/rotations/rules";
import { listCommitments } from "~/models/schedule/commitments.server";
import { getStaffMember } from "~/models/staff/queries.server";
import { notFound, requireId } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "staff:title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const db = getDb();
  const id = requireId(params.id);
  const detail = getStaffMember(db, actor, id, locale);
  if (!detail) throw notFound();
  const today = todayInVietnam();
  return json({
    detail,
    rotations: rotationsOfStaff(db, id, null, locale).map((r) => ({ ...r, status: displayStatus(r, today) })),
    courses: listCommitments(db, id).filter((c) => c.kind !== "rotation"),
  });
}

export default function StaffMemberPage() {
  const { detail, rotations, courses } = useLoaderData<typeof loader>();
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
