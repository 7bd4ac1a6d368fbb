import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { RotationForm } from "~/components/rotations/rotation-form";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { requireCapability } from "~/models/auth/session.server";
import { createRotation } from "~/models/rotations/commands.server";
import { rotationFormOptions } from "~/models/rotations/queries.server";
import { orRespond } from "~/utils/domain-response.server";
import { rotationSchema } from "~/models/rotations/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:form.newTitle");

function sendingFacility(url: URL): number | null {
  return parsePositiveInt(url.searchParams.get("from"));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "rotations.manage");
  const url = new URL(request.url);
  const p = url.searchParams;
  const refresher = p.get("refresher")?.slice(0, 40) ?? null;
  // A refresher from a skill-decay alert names an accepted line: it stays a choice (own lines only).
  const refresherItemIds = p.getAll("item").slice(0, 10).map((v) => parsePositiveInt(v)).filter((v): v is number => v !== null);
  const options = orRespond(() => rotationFormOptions(getDb(), actor, sendingFacility(url), { agreementId: null, itemIds: [], refresherItemIds }, locale));
  // A link from the suggestions or the staff page pre-fills the form.
  const defaults = {
    staffId: p.get("staff") ?? undefined,
    toFacilityId: p.get("to") ?? undefined,
    agreementId: p.get("agreement") ?? undefined,
    transferItemIds: p.getAll("item"),
    purpose: p.get("item") ? "technique_transfer" : (p.get("purpose") ?? "technique_transfer"),
    startOn: p.get("start") ?? undefined,
    endOn: p.get("end") ?? undefined,
    // A refresher from a skill-decay alert is short-term support with its reason stated.
    ...(refresher ? { shortTerm: true, shortTermReason: getFixedT(locale, "planning")("decay.refresherReason", { code: refresher }) } : {}),
  };
  return json({ options, defaults });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "rotations.manage");
  const submission = await parseForm(request, rotationSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const rotation = createRotation(getDb(), actor, submission.value);
    return redirect(`/rotations/${rotation.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewRotationPage() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("rotations");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to="/rotations">{t("list.title")}</PageBackLink>
      <h1 className="page-title">{t("form.newTitle")}</h1>
      <RotationForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("form.create")} />
    </div>
  );
}
