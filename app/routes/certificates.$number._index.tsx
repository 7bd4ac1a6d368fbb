// The printable certificate (print from the browser, or download the PDF).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { certificateQrDataUrl, certificateVerifyUrl, getCertificate } from "~/models/courses/certificates.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.certificate.number ?? ""} – CGKT` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const certificate = getCertificate(getDb(), actor, params.number ?? "");
  if (!certificate) throw notFound();
  const verifyUrl = certificateVerifyUrl(new URL(request.url).origin, certificate);
  return json({ certificate, verifyUrl, qr: await certificateQrDataUrl(verifyUrl) });
}

export default function CertificatePage() {
  const { certificate: c, verifyUrl, qr } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap gap-2">
        <a href={`/certificates/${encodeURIComponent(c.number)}/pdf`} className="btn">{t("certificate.pdf")}</a>
        <button type="button" className="btn-secondary" onClick={() => window.print()}>{t("certificate.print")}</button>
      </div>
      <article className="mx-auto max-w-3xl border-4 border-double border-teal-700 bg-white p-8 text-center" data-testid="certificate">
        <p className="font-semibold uppercase">{c.hostName}</p>
        <h1 className="mt-6 text-3xl font-bold uppercase text-teal-800">{t("certificate.title")}</h1>
        <p className="mt-4">{t("certificate.certifies")}</p>
        <p className="mt-1 text-2xl font-semibold">{c.holderName}</p>
        <p className="text-slate-700">{c.holderFacility}</p>
        <p className="mt-4">{t("certificate.completed")}</p>
        <p className="mt-1 text-xl font-semibold">{c.courseTitle}</p>
        <p className="mt-3">{t("certificate.period", { start: formatDate(c.startOn, locale), end: formatDate(c.endOn, locale) })}</p>
        <p>{t("certificate.hours", { hours: formatNumber(c.creditHours, locale, 1) })}</p>
        <div className="mt-8 text-left text-sm text-slate-700">
          <p>{t("certificate.numberLine", { number: c.number })}</p>
          <p>{t("certificate.issuedOn", { date: formatDate(c.completedOn, locale) })}</p>
          <p className="break-all">{t("certificate.verifyAt", { url: verifyUrl })}</p>
          <img src={qr} alt={t("verify.qr")} width={100} height={100} className="ml-auto mt-2" data-testid="certificate-qr" />
        </div>
      </article>
    </div>
  );
}
