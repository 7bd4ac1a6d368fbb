// Public, without sign-in: where a trainee who cannot scan the QR code types the session's
// check-in code; a well-formed code leads to its page, which says whether it is open.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { normaliseCheckInCode } from "~/models/courses/rules";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:checkIn.enterTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code") ?? "";
  if (!typed.trim()) return json({ code: "", error: null });
  const code = normaliseCheckInCode(typed);
  if (code) throw redirect(`/check-in/${code}`);
  return json({ code: typed.slice(0, 64), error: encodeMessage("courses:checkIn.errors.unknownCode") }, { status: 404 });
}

export default function EnterCheckInCodePage() {
  const { code, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  return (
    <section className="card mx-auto mt-6 w-full max-w-md space-y-4">
      <h1 className="page-title">{t("checkIn.enterTitle")}</h1>
      <p className="text-sm text-slate-600">{t("checkIn.enterIntro")}</p>
      <FormErrors errors={error ? [error] : []} />
      <Form method="get" className="space-y-4">
        <Field
          field={{ id: "code" }}
          label={t("checkIn.code")}
          inputProps={{
            name: "code",
            defaultValue: code,
            className: "input font-mono text-lg tracking-wider",
            autoComplete: "off",
            autoCapitalize: "characters",
            spellCheck: false,
            maxLength: 64,
            required: true,
          }}
        />
        <button type="submit" className="btn w-full">
          {t("checkIn.go")}
        </button>
      </Form>
    </section>
  );
}
