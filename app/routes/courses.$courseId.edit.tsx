import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseForm } from "~/components/courses/course-form";
import { getDb } from "~/db/client.server";
import { requireCourse } from "~/utils/course.server";
import { requireActor } from "~/models/auth/session.server";
import { courseToInput, updateCourse } from "~/models/courses/courses.server";
import { getCourseFormOptions } from "~/models/courses/hosting.server";
import { courseSchema } from "~/models/courses/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { forbidden, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:form.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, actor, db, course } = await requireCourse(request, params.courseId);
  if (!course.canManage) throw forbidden();
  // The host stays the course's own: its enrolments, trainers and certificates belong to it.
  return json({
    course: { id: course.id, title: course.title, hostName: course.hostName },
    defaults: courseToInput(course),
    options: getCourseFormOptions(db, course.hostFacilityId),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const courseId = requireId(params.courseId);
  const submission = await parseForm(request, courseSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateCourse(getDb(), actor, courseId, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/courses/${courseId}`);
}

export default function EditCoursePage() {
  const { course, defaults, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("courses");
  return (
    <div className="space-y-4">
      <header>
        <Link to={`/courses/${course.id}`} className="link text-sm">← {course.title}</Link>
        <h1 className="page-title mt-1">{t("form.editTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("form.hostedBy", { name: course.hostName })}</p>
      </header>
      <CourseForm
        // After a stale-edit refusal the form carries the stored version: saving again is a
        // deliberate overwrite once the person has seen the message.
        defaults={{ ...defaults, version: (actionData?.stale?.current as { version?: number } | undefined)?.version ?? defaults.version }}
        chapters={options.chapters}
        agreements={options.agreements}
        trainers={options.trainers}
        lastResult={actionData?.result}
        submitLabel={t("form.save")}
      />
    </div>
  );
}
