import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { CourseForm } from "~/components/courses/course-form";
import { getDb } from "~/db/client.server";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { createCourse, getCourseFormOptions } from "~/models/courses/courses.server";
import { courseSchema } from "~/models/courses/schemas";
import { replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { forbidden } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:form.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // The host is the trainer's own facility, taken from the session.
  if (!hasCapability(actor, "courses.manage") || actor.facilityId === null) throw forbidden();
  return json({ options: getCourseFormOptions(getDb(), actor.facilityId), hostName: actor.facilityName });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = parseWithZod(await request.formData(), { schema: courseSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  let id: number;
  try {
    id = createCourse(getDb(), actor, submission.value).id;
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/courses/${id}`);
}

export default function NewCoursePage() {
  const { options, hostName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("courses");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("form.newTitle")}</h1>
        {hostName ? <p className="mt-1 text-sm text-slate-600">{t("form.hostedBy", { name: hostName })}</p> : null}
      </header>
      <CourseForm
        defaults={{ mode: "at_host", status: "open", capacity: 20, creditHours: 8, minAttendancePercent: 80 }}
        chapters={options.chapters}
        agreements={options.agreements}
        trainers={options.trainers}
        lastResult={actionData?.result}
        submitLabel={t("form.create")}
      />
    </div>
  );
}
