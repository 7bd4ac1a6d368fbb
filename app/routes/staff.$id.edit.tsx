import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffForm } from "~/components/rotations/staff-form";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { requireCapability } from "~/models/auth/session.server";
import { listChapters } from "~/models/catalogue/queries.server";
import { updateStaffMember } from "~/models/staff/commands.server";
import { getStaffMember } from "~/models/staff/queries.server";
import { parseTechniqueCodes, staffSchema } from "~/models/staff/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "staff:edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  const db = getDb();
  const detail = getStaffMember(db, actor, requireId(params.id));
  if (!detail) throw notFound();
  if (!detail.canEdit) throw forbidden();
  const m = detail.member;
  return json({
    id: m.id,
    chapters: listChapters(db),
    defaults: {
      fullName: m.fullName,
      cadre: m.cadre,
      chapterNumber: m.chapterNumber,
      title: m.title,
      licenceNumber: m.licenceNumber,
      email: m.email,
      techniques: detail.techniques.map((t) => t.code).join(", "),
      active: m.active,
      version: m.version,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  const id = requireId(params.id);
  const submission = await parseForm(request, staffSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { techniques, facilityId: _ignored, version, ...rest } = submission.value;
  try {
    updateStaffMember(getDb(), actor, id, { ...rest, active: rest.active ?? false, version: version ?? 0, techniqueCodes: parseTechniqueCodes(techniques) });
    return redirect(`/staff/${id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function EditStaffPage() {
  const { id, chapters, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/staff/${id}`} className="link text-sm">
          ← {defaults.fullName}
        </Link>
      </p>
      <h1 className="page-title">{t("edit")}</h1>
      <StaffForm defaults={defaults} chapters={chapters} facilities={null} lastResult={actionData?.result} submitLabel={t("common:saveChanges")} editing />
    </div>
  );
}
