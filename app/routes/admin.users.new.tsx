import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { UserScopeFields } from "~/components/user-scope-fields";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { CreateUserSchema } from "~/models/users/schemas";
import { createUser, userFormOptions } from "~/models/users/users.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:users.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  return json(userFormOptions(getDb(), actor, await getLocale(request)));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  const submission = await parseForm(request, CreateUserSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const user = await createUser(getDb(), actor, submission.value);
    return redirect(`/admin/users/${user.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewUserPage() {
  const { facilityOptions, provinceOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CreateUserSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUserSchema }),
    defaultValue: { role: "viewer" },
  });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p>
        <Link to="/admin/users" className="link text-sm">
          ← {t("users.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("users.new")}</h1>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div>
          <label htmlFor={fields.username.id} className="label">
            {t("users.username")}
          </label>
          <input {...getInputProps(fields.username, { type: "text" })} className="input" autoComplete="off" autoCapitalize="none" />
          <p className="mt-1 text-xs text-slate-500">{t("users.usernameHint")}</p>
          <FieldError id={fields.username.errorId} errors={fields.username.errors} />
        </div>
        <div>
          <label htmlFor={fields.displayName.id} className="label">
            {t("users.displayName")}
          </label>
          <input {...getInputProps(fields.displayName, { type: "text" })} className="input" />
          <FieldError id={fields.displayName.errorId} errors={fields.displayName.errors} />
        </div>
        <div>
          <label htmlFor={fields.email.id} className="label">
            {t("users.email")}
          </label>
          <input {...getInputProps(fields.email, { type: "email" })} className="input" />
          <FieldError id={fields.email.errorId} errors={fields.email.errors} />
        </div>
        <UserScopeFields
          role={fields.role}
          facilityCode={fields.facilityCode}
          provinceCode={fields.provinceCode}
          facilityOptions={facilityOptions}
          provinceOptions={provinceOptions}
        />
        <div>
          <label htmlFor={fields.password.id} className="label">
            {t("users.password")}
          </label>
          <input {...getInputProps(fields.password, { type: "password" })} className="input" autoComplete="new-password" />
          <p className="mt-1 text-xs text-slate-500">{t("users.passwordHint")}</p>
          <FieldError id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <button type="submit" className="btn">
          {t("users.create")}
        </button>
      </Form>
    </div>
  );
}
