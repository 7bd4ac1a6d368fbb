import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { NewPasswordField, UserFields } from "~/components/user-scope-fields";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { ResetPasswordSchema, SimpleUserActionSchema, UpdateUserSchema } from "~/models/users/schemas";
import {
  endSessionsOfUser,
  getUserForAdmin,
  resetUserPassword,
  setUserActive,
  updateUser,
  userFormOptions,
} from "~/models/users/users.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { orRespond } from "~/utils/domain-response.server";
import { ConfirmButton } from "~/components/confirm-button";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:users.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  const userId = requireId(params.userId);
  const db = getDb();
  const locale = await getLocale(request);
  return json(orRespond(() => ({ ...getUserForAdmin(db, actor, userId, locale), ...userFormOptions(db, actor, locale) })));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  const userId = requireId(params.userId);
  const db = getDb();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const done = (what: string) => redirect(`/admin/users/${userId}?done=${what}`);

  if (intent === "save") {
    const submission = parseSubmission(formData, UpdateUserSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      updateUser(db, actor, userId, submission.value);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return done("saved");
  }
  if (intent === "resetPassword") {
    const submission = parseSubmission(formData, ResetPasswordSchema);
    if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }), stale: null }, { status: 400 });
    try {
      await resetUserPassword(db, actor, userId, submission.value.password);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return done("passwordReset");
  }
  const submission = parseSubmission(formData, SimpleUserActionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    if (submission.value.intent === "endSessions") endSessionsOfUser(db, actor, userId);
    else setUserActive(db, actor, userId, submission.value.intent === "activate");
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return done(submission.value.intent);
}

export default function EditUserPage() {
  const { user, activeSessions, facilityOptions, provinceOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const doneKey = searchParams.get("done");
  const { t } = useTranslation("admin");
  const { t: te } = useTranslation("enums");
  const intent = actionData?.result.initialValue?.intent;
  const [form, fields] = useForm({
    id: `user-${user.id}-v${user.version}`,
    lastResult: intent === "save" ? actionData?.result : undefined,
    constraint: getZodConstraint(UpdateUserSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateUserSchema }),
    defaultValue: {
      displayName: user.displayName,
      email: user.email ?? "",
      role: user.role,
      facilityCode: user.facilityCode ?? "",
      provinceCode: user.provinceCode ?? "",
    },
  });
  const [pwForm, pwFields] = useForm({
    id: "reset-password",
    lastResult: intent === "resetPassword" ? actionData?.result : undefined,
    constraint: getZodConstraint(ResetPasswordSchema),
  });
  const otherErrors = intent !== "save" && intent !== "resetPassword" ? actionData?.result.error?.[""] : undefined;
  const stale = actionData?.stale;

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to="/admin/users" className="link text-sm">
          ← {t("users.title")}
        </Link>
      </p>
      <header>
        <h1 className="page-title">{user.displayName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-mono">{user.username}</span> · {te(`role.${user.role}`)}
          {user.facilityName ? ` · ${user.facilityName}` : null}
          {user.active ? null : <span className="badge ml-2 bg-slate-200 text-slate-700">{t("users.inactive")}</span>}
          {user.isDemo ? <span className="badge ml-2 bg-amber-100 text-amber-900">{t("users.demo")}</span> : null}
        </p>
      </header>
      {doneKey ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" role="status">
          {t(`users.done.${doneKey}`, { defaultValue: t("users.done.saved") })}
        </p>
      ) : null}
      <FormErrors errors={otherErrors ?? undefined} />

      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <h2 className="text-lg font-semibold">{t("users.editTitle")}</h2>
        <input type="hidden" name="version" value={user.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {stale && stale.changedFields.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="stale-fields">
            <p>{t("users.staleIntro")}</p>
            <ul className="mt-1 list-disc pl-5">
              {stale.changedFields.map((f) => (
                <li key={f}>{t(`users.fields.${f}`, { defaultValue: f })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <UserFields fields={fields} facilityOptions={facilityOptions} provinceOptions={provinceOptions} />
        <button type="submit" name="intent" value="save" className="btn">
          {t("users.save")}
        </button>
      </Form>

      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("users.sessionsTitle")}</h2>
        <p className="text-sm text-slate-600">{t("users.sessionsCount", { count: activeSessions })}</p>
        <Form method="post">
          <ConfirmButton
            name="intent"
            value="endSessions"
            className="btn-secondary"
            title={t("confirmations.endSessionsTitle", { username: user.username })}
            consequence={t("confirmations.endSessions", { name: user.displayName, count: activeSessions })}
          >
            {t("users.endSessions")}
          </ConfirmButton>
        </Form>
      </section>

      <Form method="post" className="card space-y-3" {...getFormProps(pwForm)}>
        <h2 className="text-lg font-semibold">{t("users.resetTitle")}</h2>
        <FormErrors id={pwForm.errorId} errors={pwForm.errors} />
        <NewPasswordField field={pwFields.password} label={t("users.newPassword")} />
        <button type="submit" name="intent" value="resetPassword" className="btn-secondary">
          {t("users.resetPassword")}
        </button>
      </Form>

      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("users.statusTitle")}</h2>
        <Form method="post">
          {user.active ? (
            <ConfirmButton
              name="intent"
              value="deactivate"
              title={t("confirmations.deactivateTitle", { username: user.username })}
              consequence={t("confirmations.deactivate", { name: user.displayName })}
            >
              {t("users.deactivate")}
            </ConfirmButton>
          ) : (
            <button type="submit" name="intent" value="activate" className="btn">
              {t("users.activate")}
            </button>
          )}
        </Form>
      </section>
    </div>
  );
}
