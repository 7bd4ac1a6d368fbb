// A course's participants, attendance and results as an XLSX workbook (host scope only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { getCourse } from "~/models/courses/courses.server";
import { listParticipants } from "~/models/courses/enrolments.server";
import { participantsWorkbook, XLSX_TYPE } from "~/models/courses/exports.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const locale = await getLocale(request);
  const course = getCourse(db, actor, requireId(params.courseId), locale);
  if (!course) throw notFound();
  if (!course.canSeeAll) throw forbidden();
  const rows = listParticipants(db, actor, course, { page: 1, pageSize: 20_000, offset: 0 }, locale).rows;
  const body = await participantsWorkbook(course, course.sessions.length, rows, getFixedT(locale, "courses"), getFixedT(locale, "enums"));
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="course-${course.id}-participants.xlsx"` },
  });
}
