import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { techniqueHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { linkNewTechnique, listNewTechniques, recordNewTechnique } from "~/models/catalogue/new-techniques.server";
import { linkNewTechniqueSchema, newTechniqueSchema } from "~/models/catalogue/schemas";
import { listChapters } from "~/models/catalogue/queries.server";
import { DomainError } from "~/models/errors";
import { parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "catalogue:newTechniques.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  return json({
    rows: listNewTechniques(db, actor, await getLocale(request)),
    chapters: listChapters(db),
    // Recording needs a facility of one's own: administrators record through a facility's account.
    canRecord: hasCapability(actor, "adoption.manage") && actor.facilityId !== null,
    canLink: hasCapability(actor, "adoption.manage"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await readForm(request);
  const db = getDb();
  if (form.get("intent") === "link") {
    const submission = parseSubmission(form, linkNewTechniqueSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      linkNewTechnique(db, actor, Number(form.get("id")) || 0, submission.value.listedCode);
      return json({ result: submission.reply({ resetForm: true }), stale: null, linked: Number(form.get("id")) });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = parseSubmission(form, newTechniqueSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    if (actor.facilityId === null) throw new DomainError("catalogue:newTechniques.needsFacility");
    const created = recordNewTechnique(db, actor, actor.facilityId, submission.value);
    return json({ result: submission.reply({ resetForm: true }), stale: null, created: created.code });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

function linkErrorOf(data: { result?: unknown }): string | undefined {
  return (data.result as { error?: Record<string, string[] | null> } | undefined)?.error?.listedCode?.[0];
}

export default function NewTechniquesPage() {
  const { rows, chapters, canRecord, canLink } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { result?: never; created?: string; linked?: number } | undefined;
  const { t } = useTranslation(["catalogue", "common"]);
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "new-technique",
    lastResult: data && !data.linked && !linkErrorOf(data) ? data.result : undefined,
    constraint: getZodConstraint(newTechniqueSchema),
    shouldRevalidate: "onBlur",
  });
  const errors = (list?: string[]) => list?.map((m) => translateMessage(t, m));
  const linkError = data ? linkErrorOf(data) : undefined;

  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("newTechniques.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("newTechniques.intro")}</p>
      </header>

      {canRecord ? (
        <Form method="post" className="card space-y-3" {...getFormProps(form)}>
          <h2 className="font-semibold">{t("newTechniques.record")}</h2>
          {data?.created ? <p role="status" className="text-sm text-emerald-800">{t("newTechniques.recorded", { code: data.created })}</p> : null}
          <FormErrors id={form.errorId} errors={errors(form.errors)} />
          <Field field={fields.name} label={t("newTechniques.name")} inputProps={{ ...getInputProps(fields.name, { type: "text" }), className: "input mt-1 w-full" }} />
          <div className="grid gap-3 md:grid-cols-3">
            <SelectField field={fields.chapterNumber} label={t("newTechniques.chapter")} selectProps={{ ...getSelectProps(fields.chapterNumber), className: "input mt-1 w-full" }}>
              <option value="" />
              {chapters.map((c) => (
                <option key={c.number} value={c.number}>{c.roman}. {c.name}</option>
              ))}
            </SelectField>
            <Field
              field={fields.permissionDecision}
              label={t("newTechniques.permissionDecision")}
              inputProps={{ ...getInputProps(fields.permissionDecision, { type: "text" }), className: "input mt-1 w-full" }}
            />
            <Field
              field={fields.transferringPartner}
              label={t("newTechniques.partner")}
              inputProps={{ ...getInputProps(fields.transferringPartner, { type: "text" }), className: "input mt-1 w-full" }}
            />
          </div>
          <button type="submit" className="btn">{t("newTechniques.submit")}</button>
        </Form>
      ) : null}

      <section className="card">
        {linkError ? (
          <p role="alert" className="field-error mb-2" data-testid="link-error">
            {translateMessage(t, linkError)}
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("newTechniques.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="new-techniques">
              <thead>
                <tr>
                  <th scope="col">{t("newTechniques.code")}</th>
                  <th scope="col">{t("newTechniques.name")}</th>
                  <th scope="col">{t("newTechniques.facility")}</th>
                  <th scope="col">{t("newTechniques.permissionDecision")}</th>
                  <th scope="col">{t("newTechniques.partner")}</th>
                  <th scope="col">{t("newTechniques.listedAs")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap font-mono text-sm"><Link className="link" to={techniqueHref(r.code)}>{r.code}</Link></td>
                    <td>{r.name}<p className="text-xs text-slate-500">{formatDateTime(r.createdAt, locale)}</p></td>
                    <td>{r.facilityName}</td>
                    <td>{r.permissionDecision}</td>
                    <td>{r.transferringPartner ?? "—"}</td>
                    <td>
                      {r.listedCode ? (
                        <Link className="link font-mono" to={techniqueHref(r.listedCode)}>{r.listedCode}</Link>
                      ) : canLink ? (
                        <Form method="post" className="flex items-start gap-1">
                          <input type="hidden" name="intent" value="link" />
                          <input type="hidden" name="id" value={r.id} />
                          <input name="listedCode" aria-label={t("newTechniques.listedCode")} placeholder="10.367" className="input w-28" maxLength={20} required />
                          <button type="submit" className="btn-secondary">{t("newTechniques.link")}</button>
                        </Form>
                      ) : (
                        t("newTechniques.notListed")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
