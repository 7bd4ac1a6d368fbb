// The first step of every page of one course: the reader, their language and the course as they
// see it, or a 404 (a course outside the reader's reach reads as missing).
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { getCourse } from "~/models/courses/courses.server";
import { notFound, requireId } from "~/utils/http.server";

export async function requireCourse(request: Request, idParam: string | undefined) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const db = getDb();
  const course = getCourse(db, actor, requireId(idParam), locale);
  if (!course) throw notFound();
  return { locale, actor, db, course };
}
