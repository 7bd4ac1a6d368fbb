// Public, without sign-in. The QR code's link (?t=token) shows the certificate; a typed
// number (?number=) answers only whether such a certificate exists.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { isValidCertificateNumber, verifyCertificate } from "~/models/courses/certificates.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:verify.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("t")?.trim() ?? "";
  if (token) {
    const certificate = verifyCertificate(getDb(), token);
    return json({ number: certificate?.number ?? "", certificate, numberValid: null, asked: true, byLink: true }, { status: certificate ? 200 : 404 });
  }
  const number = url.searchParams.get("number")?.trim().slice(0, 80) ?? "";
  if (!number) return json({ number, certificate: null, numberValid: null, asked: false, byLink: false });
  const numberValid = isValidCertificateNumber(getDb(), number);
  return json({ number, certificate: null, numberValid, asked: true, byLink: false }, { status: numberValid ? 200 : 404 });
}

export default function VerifyCertificatePage() {
  const { number, certificate, numberValid, asked, byLink } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="page-title">{t("verify.title")}</h1>
      <p className="text-sm text-slate-600">{t("verify.intro")}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-2">
        <Field
          className="min-w-0 flex-1"
          field={{ id: "number" }}
          label={t("verify.number")}
          inputProps={{ name: "number", defaultValue: number, placeholder: "CC-…-2026-0001", required: true }}
        />
        <button type="submit" className="btn">{t("verify.check")}</button>
      </Form>
      {certificate ? (
        <section className="card border-emerald-300 bg-emerald-50" role="status" data-testid="verified">
          <p className="font-semibold text-emerald-900">✓ {t("verify.valid")}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("verify.holder")}</dt>
            <dd className="font-medium">{certificate.holderName} – {certificate.holderFacility}</dd>
            <dt className="text-slate-600">{t("verify.course")}</dt>
            <dd>{certificate.courseTitle}</dd>
            <dt className="text-slate-600">{t("fields.host")}</dt>
            <dd>{certificate.hostName}</dd>
            <dt className="text-slate-600">{t("verify.date")}</dt>
            <dd>{formatDate(certificate.completedOn, locale)}</dd>
            <dt className="text-slate-600">{t("fields.creditHours")}</dt>
            <dd>{formatNumber(certificate.creditHours, locale, 1)}</dd>
          </dl>
        </section>
      ) : numberValid ? (
        <section className="card border-emerald-300 bg-emerald-50" role="status" data-testid="verified">
          <p className="font-semibold text-emerald-900">✓ {t("verify.numberValid", { number })}</p>
          <p className="mt-1 text-sm text-slate-700">{t("verify.numberOnly")}</p>
        </section>
      ) : asked ? (
        <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800" role="alert">
          {byLink ? t("verify.unknownLink") : t("verify.unknown", { number })}
        </p>
      ) : null}
    </div>
  );
}
