import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { requireCapability } from "~/models/auth/session.server";
import { DomainError } from "~/models/errors";
import { throwDomainResponse } from "~/utils/domain-response.server";
import { importStaff, type StaffImportReport } from "~/models/staff/import.server";
import { registryFacilities } from "~/models/staff/queries.server";
import { importSchema } from "~/models/staff/schemas";
import { encodeMessage, translateMessage } from "~/utils/messages";

export const meta: MetaFunction = () => [{ title: "Nhập danh sách nhân sự – CGKT" }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  return json({ facilities: actor.facilityId === null ? registryFacilities(getDb(), actor) : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch {
    return json({ report: null, errors: ["rotations:staff.import.tooLarge"] }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: importSchema });
  const file = formData.get("file");
  const facilityId = actor.facilityId ?? (submission.status === "success" ? submission.value.facilityId : undefined);
  if (!facilityId) return json({ report: null, errors: ["common:validation.required"] }, { status: 400 });
  if (!(file instanceof File) || file.size === 0) return json({ report: null, errors: ["imports:errors.empty"] }, { status: 400 });
  try {
    const report = await importStaff(getDb(), actor, facilityId, { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return json({ report, errors: null as string[] | null });
  } catch (error) {
    if (error instanceof DomainError && error.status < 403) {
      return json({ report: null as StaffImportReport | null, errors: [encodeMessage(error.message, error.params)] }, { status: error.status });
    }
    throwDomainResponse(error);
  }
}

export default function StaffImportPage() {
  const { facilities } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("rotations");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/staff" className="link text-sm">
          ← {t("staff.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("staff.import.title")}</h1>
      <p className="text-sm text-slate-600">{t("staff.import.intro")}</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">{t("staff.import.example")}</pre>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <FormErrors errors={data?.errors ?? undefined} />
        {facilities ? (
          <div>
            <label htmlFor="facilityId" className="label">
              {t("staff.fields.facility")}
            </label>
            <select id="facilityId" name="facilityId" className="input" required>
              <option value="">{t("form.choose")}</option>
              {facilities.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="file" className="label">
            {t("staff.import.file")}
          </label>
          <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv" required className="block text-sm" />
        </div>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("staff.import.submit")}
        </button>
      </Form>
      {data?.report ? <ImportReport report={data.report} /> : null}
    </div>
  );
}

function ImportReport({ report }: { report: StaffImportReport }) {
  const { t } = useTranslation("rotations");
  return (
    <section className="card p-0" aria-labelledby="import-report">
      <h2 id="import-report" className="border-b border-slate-200 px-4 py-2 font-semibold">
        {t("staff.import.summary", { created: report.created, failed: report.failed })}
      </h2>
      <div className="overflow-x-auto">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.import.row")}</th>
              <th scope="col">{t("staff.fields.fullName")}</th>
              <th scope="col">{t("staff.import.result")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.rows.map((r) => (
              <tr key={r.rowNumber} className={r.ok ? undefined : "bg-red-50"}>
                <td className="tabular-nums">{r.rowNumber}</td>
                <td>{r.ok ? <Link to={`/staff/${r.staffId}`} className="link">{r.fullName}</Link> : r.fullName || "—"}</td>
                <td>{r.ok ? t("staff.import.ok") : translateMessage(t, encodeMessage(r.message, r.params))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
