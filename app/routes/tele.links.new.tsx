import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LinkForm, LinksFromAgreementForm } from "~/components/tele/links-form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import { idFilter } from "~/models/fields";
import { createLink, createLinksFromAgreement, linkFormOptions } from "~/models/tele/links.server";
import { linkCreateSchema, linksFromAgreementSchema } from "~/models/tele/links-schemas";
import { todayInVietnam } from "~/utils/domain-response.server";
import { byIntent, parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { forbidden } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.create.title");

/** /tele/links/new?hub=ID: the hub decides the spokes and agreements offered. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const locale = await getLocale(request);
  const hub = idFilter.parse(new URL(request.url).searchParams.get("hub") ?? undefined) ?? null;
  const options = linkFormOptions(getDb(), actor, hub, locale);
  if (!options.hub) throw forbidden("tele:links.create.noHub");
  return json({ options, today: todayInVietnam() });
}

const SCHEMAS = { create: linkCreateSchema, fromAgreement: linksFromAgreementSchema };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const form = await readForm(request);
  const intent = form.get("intent") ?? "create";
  const schema = byIntent(SCHEMAS, intent);
  if (!schema) return json({ intent: "create", result: null, stale: null }, { status: 400 });
  const db = getDb();
  if (schema === linksFromAgreementSchema) {
    const submission = parseSubmission(form, linksFromAgreementSchema);
    if (submission.status !== "success") return json({ intent: "fromAgreement", ...(await replyInvalid(submission).json()) }, { status: 400 });
    try {
      const created = createLinksFromAgreement(db, actor, submission.value.agreementId, submission.value.startOn);
      const hub = created[0]?.hubFacilityId;
      return redirect(hub ? `/tele?hub=${hub}` : "/tele");
    } catch (error) {
      const reply = replyWithDomainError(submission, error);
      return json({ intent: "fromAgreement", ...(await reply.json()) }, { status: reply.status });
    }
  }
  const submission = parseSubmission(form, linkCreateSchema);
  if (submission.status !== "success") return json({ intent: "create", ...(await replyInvalid(submission).json()) }, { status: 400 });
  try {
    const link = createLink(db, actor, submission.value);
    return redirect(`/tele?hub=${link.hubFacilityId}`);
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return json({ intent: "create", ...(await reply.json()) }, { status: reply.status });
  }
}

export default function NewTeleLinkPage() {
  const { options, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to="/tele" className="link text-sm">
        {t("links.detail.back")}
      </Link>
      <h1 className="page-title">{t("links.create.title")}</h1>
      <LinkForm key={options.hub?.id} options={options} today={today} lastResult={actionData?.intent === "create" ? actionData.result : null} />
      <h2 className="text-lg font-semibold">{t("links.create.fromAgreementTitle")}</h2>
      <LinksFromAgreementForm options={options} lastResult={actionData?.intent === "fromAgreement" ? actionData.result : null} />
    </div>
  );
}
