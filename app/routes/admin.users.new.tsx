import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { NewPasswordField, UserFields } from "~/components/user-scope-fields";
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
        <Field
          field={fields.username}
          label={t("users.username")}
          description={t("users.usernameHint")}
          inputProps={{ ...getInputProps(fields.username, { type: "text" }), autoComplete: "off", autoCapitalize: "none" }}
        />
        <UserFields fields={fields} facilityOptions={facilityOptions} provinceOptions={provinceOptions} />
        <NewPasswordField field={fields.password} label={t("users.password")} />
        <button type="submit" className="btn">
          {t("users.create")}
        </button>
      </Form>
    </div>
  );
}
