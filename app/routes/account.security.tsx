import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { TotpCodeSchema } from "~/models/auth/schemas";
import { commitSessionCookie, completeSession, getSessionState, requireActor } from "~/models/auth/session.server";
import {
  confirmTotpSetup,
  disableTotp,
  getSecurityOverview,
  regenerateRecoveryCodes,
  startTotpSetup,
} from "~/models/auth/totp.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { ConfirmButton } from "~/components/confirm-button";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "auth:security.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { allowPendingSetup: true });
  const state = await getSessionState(request);
  return json({
    overview: await getSecurityOverview(getDb(), actor),
    mustSetUp: state?.kind === "pending",
    username: actor.username,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { allowPendingSetup: true });
  const db = getDb();
  const submission = await parseForm(request, TotpCodeSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { intent, code = "" } = submission.value;
  try {
    if (intent === "start") {
      await startTotpSetup(db, actor);
      return json({ result: submission.reply({ resetForm: true }), stale: null, recoveryCodes: null });
    }
    if (intent === "disable") {
      disableTotp(db, actor, code);
      return json({ result: submission.reply({ resetForm: true }), stale: null, recoveryCodes: null });
    }
    const recoveryCodes = intent === "confirm" ? confirmTotpSetup(db, actor, code) : regenerateRecoveryCodes(db, actor, code);
    // Setting up the required second factor completes a half-signed-in session (new id).
    const state = await getSessionState(request, { db });
    const newSession = state?.kind === "pending" ? completeSession(db, state.sessionId) : null;
    const headers = newSession ? { "Set-Cookie": await commitSessionCookie(request, newSession) } : undefined;
    return json({ result: submission.reply({ resetForm: true }), stale: null, recoveryCodes }, { headers });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function AccountSecurityPage() {
  const { overview, mustSetUp, username } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const recoveryCodes = (actionData as { recoveryCodes?: string[] | null } | undefined)?.recoveryCodes ?? null;
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onSubmit" });
  // The authenticator code: asked to confirm the set-up, and again to renew codes or turn it off.
  const codeField = (label: string) => (
    <Field
      field={fields.code}
      label={label}
      inputProps={{
        ...getInputProps(fields.code, { type: "text" }),
        className: "input max-w-[12rem] text-lg tracking-widest",
        inputMode: "numeric",
        autoComplete: "one-time-code",
        required: true,
      }}
    />
  );

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="page-title">{t("security.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("security.intro", { username })}</p>
      </header>
      {mustSetUp && !recoveryCodes ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          {t("security.mustSetUp")}{" "}
          <Form method="post" action="/logout" className="inline">
            <button type="submit" className="link">
              {t("shell.signOut")}
            </button>
          </Form>
        </div>
      ) : null}

      {recoveryCodes ? (
        <section className="card space-y-3" aria-labelledby="recovery-title">
          <h2 id="recovery-title" className="text-lg font-semibold">
            {t("security.recoveryTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("security.recoveryIntro")}</p>
          <ul className="grid grid-cols-2 gap-2 font-mono text-base" data-testid="recovery-codes">
            {recoveryCodes.map((c) => (
              <li key={c} className="rounded bg-slate-100 px-2 py-1">
                {c}
              </li>
            ))}
          </ul>
          <Link to="/" className="btn">
            {t("security.continue")}
          </Link>
        </section>
      ) : null}

      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("security.totpTitle")}</h2>
        <p className="text-sm">
          {overview.totpEnabled ? (
            <span className="badge bg-green-100 text-green-800">{t("security.statusOn")}</span>
          ) : (
            <span className="badge bg-slate-200 text-slate-700">{t("security.statusOff")}</span>
          )}{" "}
          {overview.required ? <span className="text-slate-600">{t("security.requiredByRole")}</span> : null}
        </p>
        <FormErrors id={form.errorId} errors={form.errors} />

        {!overview.totpEnabled && !overview.setup ? (
          <Form method="post">
            <p className="mb-3 text-sm text-slate-600">{t("security.explain")}</p>
            <button type="submit" name="intent" value="start" className="btn">
              {t("security.start")}
            </button>
          </Form>
        ) : null}

        {!overview.totpEnabled && overview.setup ? (
          <div className="space-y-3">
            <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
              <li>{t("security.step1")}</li>
              <li>{t("security.step2")}</li>
            </ol>
            <div className="flex flex-wrap items-start gap-4">
              <img src={overview.setup.qrDataUrl} alt={t("security.qrAlt")} width={220} height={220} className="rounded border" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="text-slate-600">{t("security.secretText")}</p>
                <p className="mt-1 break-all font-mono text-base" data-testid="totp-secret">
                  {overview.setup.secret}
                </p>
              </div>
            </div>
            <Form method="post" className="space-y-2" {...getFormProps(form)}>
              {codeField(t("security.confirmCode"))}
              <button type="submit" name="intent" value="confirm" className="btn">
                {t("security.confirm")}
              </button>
            </Form>
          </div>
        ) : null}

        {overview.totpEnabled ? (
          <Form method="post" className="space-y-2" {...getFormProps(form)}>
            <p className="text-sm text-slate-600">{t("security.recoveryLeft", { count: overview.recoveryCodesLeft })}</p>
            {codeField(t("security.currentCode"))}
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="regenerate" className="btn-secondary">
                {t("security.regenerate")}
              </button>
              {!overview.required ? (
                <ConfirmButton name="intent" value="disable" title={t("confirmations.disableTitle")} consequence={t("confirmations.disable")}>
                  {t("security.disable")}
                </ConfirmButton>
              ) : null}
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
