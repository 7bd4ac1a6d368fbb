// The loader step of the pages that add to an agreement (a document, a meeting): the agreement
// as its reader sees it, and a 403 unless that reader manages it. The pages answer the same
// refusals the same way because they read the agreement through this one function.
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { getAgreement } from "~/models/agreements/queries.server";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { forbidden, requireId } from "~/utils/http.server";

/** The agreement `idParam` names, read by the signed-in actor, who must be allowed to manage it. */
export async function requireManagedAgreement(request: Request, idParam: string | undefined) {
  const actor = await requireActor(request);
  const id = requireId(idParam);
  const locale = await getLocale(request);
  const detail = orRespond(() => getAgreement(getDb(), actor, id, todayInVietnam(), locale));
  if (!detail.canManage) throw forbidden();
  return detail;
}
