// The two "record a remote session" pages (a tele-consultation, a remote training session) share
// their loader and action: the form's choices, its defaults with the idempotency key a retried
// submission carries, and the recording command answered with the session page or the
// refusal next to its field. Only the kind's schema, command and defaults differ.
import { json, redirect } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import type { TeleSessionKind } from "~/models/enums";
import { newIdempotencyKey } from "~/models/offline/keys";
import { consultationSchema, trainingSchema } from "~/models/tele/sessions-schemas";
import { recordConsultation, recordTraining, sessionFormOptions } from "~/models/tele/sessions.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";

/** Form choices and defaults of a new session of `kind`; `?hub=`, `?spoke=` and `?series=` preselect. */
export async function newSessionLoader(request: Request, kind: TeleSessionKind) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "telehealth.manage");
  const options = orRespond(() => sessionFormOptions(getDb(), actor, locale));
  const p = new URL(request.url).searchParams;
  const only = (list: { value: number }[]) => (list.length === 1 ? String(list[0].value) : undefined);
  const defaults = {
    // The key a retried submission of this form carries: the first record answers it. With
    // scripts the page makes its own when the form is filled (a page from the offline cache
    // carries this one every time); this one serves a form posted without them.
    idempotencyKey: newIdempotencyKey(),
    heldOn: todayInVietnam(),
    // A consultation is a case discussed; a training session a lecture with questions.
    durationMinutes: kind === "consultation" ? "30" : "90",
    seriesId: p.get("series") ?? undefined,
    hubFacilityId: p.get("hub") ?? only(options.hubs),
    ...(kind === "consultation" ? { spokeFacilityId: p.get("spoke") ?? only(options.spokes) } : { spokeFacilityIds: p.getAll("spoke") }),
  };
  return json({ options, defaults });
}

/** Records the submitted session of `kind` and opens its page, or answers the refusal by field. */
export async function newSessionAction(request: Request, kind: TeleSessionKind) {
  const actor = await requireCapability(request, "telehealth.manage");
  const today = todayInVietnam();
  if (kind === "consultation") {
    const submission = await parseForm(request, consultationSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      return redirect(`/tele/sessions/${recordConsultation(getDb(), actor, submission.value, { today }).id}`);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = await parseForm(request, trainingSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    return redirect(`/tele/sessions/${recordTraining(getDb(), actor, submission.value, { today }).id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}
