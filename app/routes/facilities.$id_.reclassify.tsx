import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { ClassificationFields } from "~/components/facilities/classification-fields";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { reclassifyFacility } from "~/models/facilities/classifications.server";
import { requireManageableFacility } from "~/models/facilities/queries.server";
import { reclassifySchema } from "~/models/facilities/schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { BackLink } from "~/components/facilities/back-link";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:reclassify.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const id = requireId(params.id);
  const facility = orRespond(() => requireManageableFacility(getDb(), actor, id));
  return json({ facility });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const id = requireId(params.id);
  const submission = await parseForm(request, reclassifySchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    reclassifyFacility(getDb(), actor, id, submission.value, todayInVietnam());
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/facilities/${id}#classification`);
}

export default function ReclassifyFacilityPage() {
  const { facility } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  const [form, fields] = useForm({
    id: "reclassify",
    lastResult: actionData?.result,
    constraint: getZodConstraint(reclassifySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reclassifySchema }),
  });
  return (
    <div className="space-y-4">
      <BackLink to={`/facilities/${facility.id}`}>{facility.name}</BackLink>
      <header>
        <h1 className="page-title">{t("reclassify.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("reclassify.intro", { name: facility.name })}</p>
        <p className="mt-1 text-sm">
          {t("reclassify.current", {
            level: facility.level ?? "—",
            competence: facility.competence ? te(`competence.${facility.competence}`) : t("detail.notClassified"),
          })}
        </p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <ClassificationFields fields={fields} />
        <button type="submit" className="btn">
          {t("reclassify.submit")}
        </button>
      </Form>
    </div>
  );
}
