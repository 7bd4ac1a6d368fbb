import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { listRolePolicies, setRolePolicy } from "~/models/auth/policies.server";
import { requireCapability } from "~/models/auth/session.server";
import { RolePolicySchema } from "~/models/users/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "admin:policies.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "users.manage");
  return json({ policies: listRolePolicies(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "users.manage");
  const submission = await parseForm(request, RolePolicySchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    setRolePolicy(getDb(), actor, submission.value.role, submission.value.requireTotp);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return json({ result: submission.reply(), stale: null });
}

export default function PoliciesPage() {
  const { policies } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: te } = useTranslation("enums");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("policies.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("policies.intro")}</p>
      </header>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("policies.role")}</th>
              <th scope="col">{t("policies.requireTotp")}</th>
              <th scope="col">
                <span className="sr-only">{t("policies.change")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {policies.map((p) => (
              <tr key={p.role}>
                <td>{te(`role.${p.role}`)}</td>
                <td>
                  {p.requireTotp ? (
                    <span className="badge bg-green-100 text-green-800">{t("policies.required")}</span>
                  ) : (
                    <span className="badge bg-slate-200 text-slate-700">{t("policies.optional")}</span>
                  )}
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="role" value={p.role} />
                    <input type="hidden" name="requireTotp" value={p.requireTotp ? "off" : "on"} />
                    <button type="submit" className="btn-secondary">
                      {p.requireTotp ? t("policies.makeOptional") : t("policies.makeRequired")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">{t("policies.demoNote")}</p>
    </div>
  );
}
