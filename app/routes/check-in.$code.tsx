// Public, without sign-in: the page a session's check-in code (QR) opens. A trainee gives their
// practising-licence number and is recorded as checked in, pending the trainer's confirmation.
// It names the course and session only, never who is on the roster.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate, formatTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { assertSameOrigin, clientIp } from "~/models/auth/session.server";
import { findCheckIn, selfCheckIn } from "~/models/courses/check-in.server";
import { getLocale } from "~/i18n/locale.server";
import { selfCheckInSchema } from "~/models/courses/schemas";
import { DomainError } from "~/models/errors";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:checkIn.pageTitle");

/** A document POST answers with the route's headers: keep the throttle's Retry-After. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  try {
    return json({ session: findCheckIn(getDb(), params.code ?? "", locale), error: null });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return json({ session: null, error: encodeMessage(error.message) }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = await parseForm(request, selfCheckInSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const outcome = await selfCheckIn(getDb(), { code: params.code ?? "", licenceNumber: submission.value.licenceNumber, ip: clientIp(request) });
    if (outcome.kind === "throttled") {
      return json(
        { result: submission.reply({ formErrors: [encodeMessage("courses:checkIn.errors.throttled", { minutes: outcome.retryAfterMinutes })] }), outcome: null },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterMinutes * 60) } },
      );
    }
    return json({ result: submission.reply({ resetForm: true }), outcome });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function CheckInPage() {
  const { session, error } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const outcome = actionData && "outcome" in actionData ? actionData.outcome : null;
  return (
    <section className="card mx-auto mt-6 w-full max-w-md space-y-4">
      <h1 className="page-title">{t("checkIn.pageTitle")}</h1>
      {session ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("verify.course")}</dt>
            <dd className="font-medium" data-testid="check-in-course">{session.courseTitle}</dd>
            <dt className="text-slate-600">{t("fields.host")}</dt>
            <dd>{session.hostName}</dd>
            <dt className="text-slate-600">{t("checkIn.session")}</dt>
            <dd>
              {formatDate(session.heldOn, locale)} {session.startsAt}–{session.endsAt} · {session.topic}
            </dd>
          </dl>
          {outcome ? (
            <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" role="status" data-testid="check-in-outcome">
              {outcome.kind === "pending" ? (
                <>
                  <p className="font-semibold">✓ {t("checkIn.pending")}</p>
                  <p className="text-sm">{t("checkIn.recordedAt", { time: formatTime(outcome.checkedInAt, locale) })}</p>
                </>
              ) : (
                <p className="font-semibold">✓ {t("checkIn.present")}</p>
              )}
            </div>
          ) : null}
          <p className="text-sm text-slate-600">{t("checkIn.intro")}</p>
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              field={fields.licenceNumber}
              label={t("checkIn.licence")}
              inputProps={{
                ...getInputProps(fields.licenceNumber, { type: "text" }),
                className: "input text-lg",
                autoComplete: "off",
                autoCapitalize: "characters",
                spellCheck: false,
                maxLength: 40,
                required: true,
              }}
            />
            <button type="submit" className="btn w-full" disabled={navigation.state === "submitting"}>
              {t("checkIn.submit")}
            </button>
          </Form>
        </>
      ) : (
        <FormErrors errors={error ? [error] : []} />
      )}
    </section>
  );
}
