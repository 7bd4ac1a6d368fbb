import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { SignInSchema } from "~/models/auth/schemas";
import {
  assertSameOrigin,
  clearSessionCookie,
  clientIp,
  commitSessionCookie,
  endSession,
  getSessionState,
} from "~/models/auth/session.server";
import { signIn, verifySignInCode } from "~/models/auth/sign-in.server";
import { safeRedirect } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { parseForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "auth:signIn.title");

/**
 * A document POST answers with the route's headers, not the action's: without this the 429
 * page would lose the Retry-After the action sets.
 */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  const state = await getSessionState(request);
  if (state?.kind === "signedIn") throw redirect(redirectTo);
  if (state?.kind === "pending" && state.needs === "setup") throw redirect("/account/security");
  return json({ step: state?.kind === "pending" ? ("code" as const) : ("password" as const), redirectTo });
}

export async function action({ request }: ActionFunctionArgs) {
  // Sign-in is a state change like any other: a form posted from another site is refused.
  assertSameOrigin(request);
  const db = getDb();
  const submission = await parseForm(request, SignInSchema);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const value = submission.value;
  const state = await getSessionState(request, { db });
  const client = { ip: clientIp(request), userAgent: request.headers.get("User-Agent") };

  if (value.intent === "cancel") {
    if (state) endSession(db, state.sessionId);
    return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
  }

  if (value.intent === "code") {
    if (state?.kind !== "pending" || state.needs !== "code") {
      return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
    }
    const result = await verifySignInCode(db, { sessionId: state.sessionId, user: state.user, code: value.code, ...client });
    if (result.kind === "throttled") {
      return json(
        { result: submission.reply({ formErrors: [encodeMessage("auth:signIn.throttled", { minutes: result.retryAfterMinutes })] }) },
        { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60), "Set-Cookie": await clearSessionCookie(request) } },
      );
    }
    if (result.kind === "invalid") {
      return json({ result: submission.reply({ fieldErrors: { code: ["auth:signIn.wrongCode"] }, hideFields: ["code"] }) }, { status: 401 });
    }
    return redirect(safeRedirect(value.redirectTo), {
      headers: { "Set-Cookie": await commitSessionCookie(request, result.sessionId) },
    });
  }

  const result = await signIn(db, { username: value.username, password: value.password, ...client });
  if (result.kind === "throttled") {
    return json(
      {
        result: submission.reply({
          formErrors: [encodeMessage("auth:signIn.throttled", { minutes: result.retryAfterMinutes })],
          hideFields: ["password"],
        }),
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60) } },
    );
  }
  if (result.kind === "invalid") {
    return json({ result: submission.reply({ formErrors: ["auth:signIn.invalid"], hideFields: ["password"] }) }, { status: 401 });
  }
  // A new session id at every sign-in; whatever session the browser had is ended.
  if (state) endSession(db, state.sessionId);
  const cookie = await commitSessionCookie(request, result.sessionId);
  const to = safeRedirect(value.redirectTo);
  const next =
    result.needs === "code"
      ? `/login?redirectTo=${encodeURIComponent(to)}`
      : result.needs === "setup"
        ? "/account/security"
        : to;
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const { step, redirectTo } = useLoaderData<typeof loader>();
  return step === "code" ? <CodeStep redirectTo={redirectTo} /> : <PasswordStep redirectTo={redirectTo} />;
}

function PasswordStep({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card mx-auto mt-6 w-full max-w-md">
      <h1 className="page-title">{t("signIn.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("signIn.intro")}</p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          field={fields.username}
          label={t("signIn.username")}
          inputProps={{
            ...getInputProps(fields.username, { type: "text" }),
            autoComplete: "username",
            autoCapitalize: "none",
            spellCheck: false,
            autoFocus: true,
            required: true,
          }}
        />
        <Field
          field={fields.password}
          label={t("signIn.password")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password", required: true }}
        />
        <button type="submit" className="btn w-full" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
    </section>
  );
}

function CodeStep({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onSubmit" });
  return (
    <section className="card mx-auto mt-6 w-full max-w-md">
      <h1 className="page-title">{t("signIn.codeTitle")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("signIn.codeIntro")}</p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="code" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          field={fields.code}
          label={t("signIn.code")}
          description={t("signIn.codeHint")}
          inputProps={{
            ...getInputProps(fields.code, { type: "text" }),
            className: "input text-lg tracking-widest",
            autoComplete: "one-time-code",
            inputMode: "text",
            autoCapitalize: "none",
            spellCheck: false,
            autoFocus: true,
            required: true,
          }}
        />
        <button type="submit" className="btn w-full" disabled={navigation.state === "submitting"}>
          {t("signIn.verify")}
        </button>
      </Form>
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="link text-sm">
          {t("signIn.cancel")}
        </button>
      </Form>
    </section>
  );
}
