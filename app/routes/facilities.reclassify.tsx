// The batch reclassification: one decision and one date for many facilities of a province
// (the 1 July 2025 reorganisation), recorded all or nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { ClassificationFields } from "~/components/facilities/classification-fields";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { FieldError, FormErrors } from "~/components/form";
import { LevelBadge } from "~/components/level-badge";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { managedProvince } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { deliversCare, FACILITY_KINDS, type FacilityKind } from "~/models/enums";
import { reclassifyFacilities } from "~/models/facilities/classifications.server";
import { listClassifiableFacilities, listProvinces } from "~/models/facilities/queries.server";
import { batchReclassifySchema } from "~/models/facilities/schemas";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { BackLink } from "~/components/facilities/back-link";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:batch.title");

const CARE_KINDS = FACILITY_KINDS.filter(deliversCare);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const url = new URL(request.url);
  const db = getDb();
  const fixedProvince = managedProvince(actor, "facilities.manage");
  const province = fixedProvince ?? (url.searchParams.get("province")?.slice(0, 10) || null);
  const kindParam = url.searchParams.get("kind");
  const kind = (CARE_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as FacilityKind) : undefined;
  return json({
    province,
    kind: kind ?? null,
    provinces: fixedProvince ? null : listProvinces(db),
    facilities: province ? listClassifiableFacilities(db, actor, province, kind) : [],
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const submission = await parseForm(request, batchReclassifySchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { facilityIds, ...decision } = submission.value;
  try {
    const done = reclassifyFacilities(getDb(), actor, facilityIds, decision, todayInVietnam());
    return json({ result: submission.reply({ resetForm: true }), stale: null, done: { count: done.length, decision: decision.decisionNumber } });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function BatchReclassifyPage() {
  const { province, kind, provinces, facilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const listRef = useRef<HTMLTableSectionElement>(null);
  const [form, fields] = useForm({
    id: "batch-reclassify",
    lastResult: actionData?.result,
    constraint: getZodConstraint(batchReclassifySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: batchReclassifySchema }),
  });
  const done = actionData && "done" in actionData ? (actionData.done as { count: number; decision: string }) : null;
  return (
    <div className="space-y-4">
      <BackLink to="/facilities">{t("detail.back")}</BackLink>
      <header>
        <h1 className="page-title">{t("batch.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("batch.intro")}</p>
      </header>
      <FilterBar>
        {provinces ? (
          <FilterSelect
            name="province"
            label={t("batch.province")}
            defaultValue={province ?? undefined}
            options={provinces.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn : p.name }))}
          />
        ) : null}
        <FilterSelect
          name="kind"
          label={t("batch.kind")}
          defaultValue={kind ?? undefined}
          options={CARE_KINDS.map((k) => ({ value: k, label: te(`facilityKind.${k}`) }))}
        />
      </FilterBar>
      {done ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-800" role="status">
          {t("batch.done", { count: done.count, decision: done.decision })}
        </p>
      ) : null}
      {!province ? (
        <p className="card text-slate-600">{t("batch.chooseProvince")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <section className="card space-y-3">
            <ClassificationFields fields={fields} />
          </section>
          <section className="card p-0">
            <div className="flex items-center justify-between gap-2 px-4 pt-3">
              <h2 className="font-semibold">{t("fields.facilityIds")}</h2>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => listRef.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]").forEach((c) => (c.checked = true))}
              >
                {t("batch.selectAll")}
              </button>
            </div>
            <div className="px-4">
              <FieldError id={fields.facilityIds.errorId} errors={fields.facilityIds.errors} />
            </div>
            {facilities.length === 0 ? (
              <p className="p-4 text-slate-600">{t("batch.empty")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("batch.columns.choose")}</th>
                      <th scope="col">{t("batch.columns.facility")}</th>
                      <th scope="col" className="hidden md:table-cell">{t("batch.columns.kind")}</th>
                      <th scope="col">{t("batch.columns.level")}</th>
                      <th scope="col">{t("batch.columns.competence")}</th>
                      <th scope="col" className="hidden sm:table-cell">{t("batch.columns.openedOn")}</th>
                    </tr>
                  </thead>
                  <tbody ref={listRef} className="divide-y divide-slate-100">
                    {facilities.map((f) => (
                      <tr key={f.id}>
                        <td>
                          <input type="checkbox" name="facilityIds" value={f.id} id={`pick-${f.id}`} aria-label={f.name} />
                        </td>
                        <td>
                          <label htmlFor={`pick-${f.id}`}>{f.name}</label>
                          <p className="font-mono text-xs text-slate-500">{f.code}</p>
                        </td>
                        <td className="hidden md:table-cell">{te(`facilityKind.${f.kind}`)}</td>
                        <td>
                          <LevelBadge level={f.level} />
                        </td>
                        <td>{f.competence ? te(`competence.${f.competence}`) : "—"}</td>
                        <td className="hidden whitespace-nowrap sm:table-cell">{f.openedOn ? formatDate(f.openedOn, locale) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <button type="submit" className="btn">
            {t("batch.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
