import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { LookupList, useLookup } from "~/components/agreements/pickers";
import { PlanLineParties, PlanLineSchedule } from "~/components/agreements/plan-line-fields";
import { FormErrors } from "~/components/form";
import { Field } from "~/components/fields";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { addTransferItem, getItemFormOptions } from "~/models/transfers/plan.server";
import { itemSchema } from "~/models/transfers/schemas";
import { requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:item.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const url = new URL(request.url);
  const keep = { phase: url.searchParams.get("phase"), from: url.searchParams.get("from"), to: url.searchParams.get("to") };
  const locale = await getLocale(request);
  return json({ ...orRespond(() => getItemFormOptions(getDb(), actor, id, locale)), keep });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const formData = await readForm(request);
  const submission = parseSubmission(formData, itemSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addTransferItem(getDb(), actor, id, submission.value, { today: todayInVietnam() });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  // "Save and add another" keeps the phase and parties for the next line of the list.
  if (formData.get("next") === "another") {
    const keep = new URLSearchParams({
      phase: String(submission.value.phase),
      from: String(submission.value.fromFacilityId),
      to: String(submission.value.toFacilityId),
    });
    return redirect(`/agreements/${id}/items/new?${keep}`);
  }
  return redirect(`/agreements/${id}`);
}

export default function NewItemPage() {
  const { agreement, supporting, receiving, nextPhase, keep } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const lookup = useLookup("technique");
  const [form, fields] = useForm({
    id: "item",
    lastResult: actionData?.result,
    constraint: getZodConstraint(itemSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: itemSchema }),
    defaultValue: {
      phase: keep.phase ?? String(nextPhase),
      priority: "1",
      requiredCases: "5",
      fromFacilityId: keep.from ?? (supporting.length === 1 ? String(supporting[0].id) : ""),
      toFacilityId: keep.to ?? (receiving.length === 1 ? String(receiving[0].id) : ""),
    },
  });
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("item.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-3">
        <FormErrors errors={form.errors} />
        <Field
          field={fields.techniqueCode}
          label={t("item.technique")}
          description={t("item.techniqueHelp")}
          inputProps={{
            ...getInputProps(fields.techniqueCode, { type: "text" }),
            list: "technique-options",
            autoComplete: "off",
            onChange: (e) => lookup.search(e.currentTarget.value),
          }}
        />
        <LookupList id="technique-options" options={lookup.options} />
        <PlanLineParties fields={fields} supporting={supporting} receiving={receiving} withEmptyChoice />
        <PlanLineSchedule fields={fields} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn">{t("item.submit")}</button>
          <button type="submit" name="next" value="another" className="btn-secondary">{t("item.submitAnother")}</button>
        </div>
      </Form>
    </div>
  );
}
