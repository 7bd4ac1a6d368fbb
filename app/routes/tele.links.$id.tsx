import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact } from "~/components/fact";
import { Field, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { facilityHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { endLink, getLink, updateLinkNote } from "~/models/tele/links.server";
import { linkEndSchema, linkNoteSchema } from "~/models/tele/links-schemas";
import { todayInVietnam } from "~/utils/domain-response.server";
import { byIntent, parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const link = getLink(getDb(), actor, id, { today: todayInVietnam(), locale: await getLocale(request) });
  if (!link) throw notFound();
  return json({ link });
}

const SCHEMAS = { end: linkEndSchema, note: linkNoteSchema };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  const schema = byIntent(SCHEMAS, intent);
  if (!schema) return json({ intent: null, result: null, stale: null }, { status: 400 });
  const db = getDb();
  if (schema === linkEndSchema) {
    const submission = parseSubmission(form, linkEndSchema);
    if (submission.status !== "success") return json({ intent: "end", ...(await replyInvalid(submission).json()) }, { status: 400 });
    try {
      endLink(db, actor, id, { endOn: submission.value.endOn ?? null, version: submission.value.version });
    } catch (error) {
      const reply = replyWithDomainError(submission, error);
      return json({ intent: "end", ...(await reply.json()) }, { status: reply.status });
    }
    return redirect(`/tele/links/${id}`);
  }
  const submission = parseSubmission(form, linkNoteSchema);
  if (submission.status !== "success") return json({ intent: "note", ...(await replyInvalid(submission).json()) }, { status: 400 });
  try {
    updateLinkNote(db, actor, id, { note: submission.value.note ?? null, version: submission.value.version });
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return json({ intent: "note", ...(await reply.json()) }, { status: reply.status });
  }
  return redirect(`/tele/links/${id}`);
}

function EndForm({ link, lastResult }: { link: { endOn: string | null; version: number }; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("tele");
  const [form, fields] = useForm({
    id: "tele-link-end",
    lastResult,
    constraint: getZodConstraint(linkEndSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkEndSchema }),
    defaultValue: { endOn: link.endOn ?? "", version: String(link.version) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="font-semibold">{t("links.detail.endTitle")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="end" />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <Field field={fields.endOn} label={t("links.endOn")} description={t("links.detail.endHint")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
      <button type="submit" className="btn">
        {t("links.detail.endSubmit")}
      </button>
    </Form>
  );
}

function NoteForm({ link, lastResult }: { link: { note: string | null; version: number }; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("tele");
  const [form, fields] = useForm({
    id: "tele-link-note",
    lastResult,
    constraint: getZodConstraint(linkNoteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkNoteSchema }),
    defaultValue: { note: link.note ?? "", version: String(link.version) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="font-semibold">{t("links.detail.noteTitle")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="note" />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <TextareaField field={fields.note} label={t("links.note")} textareaProps={{ ...getTextareaProps(fields.note), rows: 3 }} />
      <button type="submit" className="btn-secondary">
        {t("links.detail.noteSubmit")}
      </button>
    </Form>
  );
}

export default function TeleLinkPage() {
  const { link } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to={`/tele?hub=${link.hubFacilityId}`} className="link text-sm">
        {t("links.detail.back")}
      </Link>
      <h1 className="page-title">{t("links.detail.title", { hub: link.hubName, spoke: link.spokeName })}</h1>
      <dl className="card grid gap-3 sm:grid-cols-2">
        <Fact label={t("links.hub")}>
          <Link to={facilityHref(link.hubFacilityId)} className="link">{link.hubName}</Link>
        </Fact>
        <Fact label={t("links.spoke")}>
          <Link to={facilityHref(link.spokeFacilityId)} className="link">{link.spokeName}</Link>
        </Fact>
        <Fact label={t("links.chapter")}>{t("links.chapterOption", { number: link.chapterNumber, name: link.chapterName })}</Fact>
        <Fact label={t("links.agreement")}>
          {link.agreementId ? <Link to={`/agreements/${link.agreementId}`} className="link">{link.agreementNumber}</Link> : t("links.noAgreement")}
        </Fact>
        <Fact label={t("links.startOn")}>{formatDate(link.startOn, locale)}</Fact>
        <Fact label={t("links.endOn")}>{link.endOn ? formatDate(link.endOn, locale) : t("links.noEnd")}</Fact>
        <Fact label={t("links.status")}>{link.inForce ? t("links.inForce") : t("links.notInForce")}</Fact>
        <Fact label={t("links.note")}>{link.note ?? "—"}</Fact>
      </dl>
      {link.canChange ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <EndForm key={`end-${link.version}`} link={link} lastResult={actionData?.intent === "end" ? actionData.result : null} />
          <NoteForm key={`note-${link.version}`} link={link} lastResult={actionData?.intent === "note" ? actionData.result : null} />
        </div>
      ) : null}
    </div>
  );
}
