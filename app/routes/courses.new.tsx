import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseForm } from "~/components/courses/course-form";
import { SelectField } from "~/components/fields";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { createCourse } from "~/models/courses/courses.server";
import { newCourseFormData } from "~/models/courses/hosting.server";
import { courseSchema, requestedHostFromUrl } from "~/models/courses/schemas";
import { orRespond } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:form.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "courses.manage");
  // A trainer's host is their own facility; an administrator picks one (`?host=`) first.
  const locale = await getLocale(request);
  const url = new URL(request.url);
  // A refresher link (skill-decay alerts) names the technique and the agreement to start from.
  const prefill = { techniqueCodes: url.searchParams.get("techniques")?.slice(0, 200) ?? undefined, agreementId: url.searchParams.get("agreement") ?? undefined };
  return json({ ...orRespond(() => newCourseFormData(getDb(), actor, requestedHostFromUrl(url), locale)), prefill });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "courses.manage");
  const submission = await parseForm(request, courseSchema);
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
  const { hosts, host, unknownHost, options, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("courses");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("form.newTitle")}</h1>
        {host && !hosts ? <p className="mt-1 text-sm text-slate-600">{t("form.hostedBy", { name: host.name })}</p> : null}
      </header>
      {hosts ? (
        // Administrators choose the host first: its agreements and staff fill the form's choices.
        <Form method="get" className="card flex flex-wrap items-end gap-2">
          <SelectField
            className="min-w-0 flex-1"
            field={{ id: "host", errors: unknownHost ? ["courses:errors.unknownHost"] : undefined }}
            label={t("fields.host")}
            description={t("form.hostHelp")}
            selectProps={{ name: "host", defaultValue: host ? String(host.id) : "", required: true }}
          >
            <option value="">{t("form.chooseHost")}</option>
            {hosts.map((h) => (
              <option key={h.value} value={h.value}>{h.label}</option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">{host ? t("form.changeHost") : t("form.pickHost")}</button>
        </Form>
      ) : null}
      {host && options ? (
        <CourseForm
          key={host.id}
          defaults={{ mode: "at_host", status: "open", capacity: 20, creditHours: 8, minAttendancePercent: 80, ...prefill }}
          hostFacilityId={hosts ? host.id : undefined}
          chapters={options.chapters}
          agreements={options.agreements}
          trainers={options.trainers}
          lastResult={actionData?.result}
          submitLabel={t("form.create")}
        />
      ) : null}
    </div>
  );
}
