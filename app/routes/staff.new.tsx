import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffForm } from "~/components/rotations/staff-form";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { requireCapability } from "~/models/auth/session.server";
import { listChapters } from "~/models/catalogue/queries.server";
import { DomainError } from "~/models/errors";
import { addStaffMember } from "~/models/staff/commands.server";
import { registryFacilities } from "~/models/staff/queries.server";
import { parseTechniqueCodes, staffSchema } from "~/models/staff/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "staff:new");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  const db = getDb();
  // Directors register staff of their own facility only: no facility field for them.
  return json({ chapters: listChapters(db), facilities: actor.facilityId === null ? registryFacilities(db, actor, await getLocale(request)) : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  const submission = await parseForm(request, staffSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { techniques, facilityId: chosen, ...rest } = submission.value;
  try {
    const facilityId = actor.facilityId ?? chosen;
    if (!facilityId) throw new DomainError("common:validation.required", { field: "facilityId" });
    const member = addStaffMember(getDb(), actor, facilityId, { ...rest, techniqueCodes: parseTechniqueCodes(techniques) });
    return redirect(`/staff/${member.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewStaffPage() {
  const { chapters, facilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/staff" className="link text-sm">
          ← {t("title")}
        </Link>
      </p>
      <h1 className="page-title">{t("new")}</h1>
      <StaffForm defaults={{ cadre: "doctor" }} chapters={chapters} facilities={facilities} lastResult={actionData?.result} submitLabel={t("common:save")} editing={false} />
    </div>
  );
}
