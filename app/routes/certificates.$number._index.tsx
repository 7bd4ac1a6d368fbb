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
  const placeDate = (date: string) => {
    const [year, month, day] = date.split("-");
    return t("certificate.placeDate", { day, month, year, date: formatDate(date, locale) });
  };
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap gap-2">
        <a href={`/certificates/${encodeURIComponent(c.number)}/pdf`} className="btn">{t("certificate.pdf")}</a>
        <button type="button" className="btn-secondary" onClick={() => window.print()}>{t("certificate.print")}</button>
      </div>
      <article className="mx-auto max-w-3xl border-4 border-double border-teal-700 bg-white p-4 sm:p-8" data-testid="certificate">
        {/* The administrative layout: issuing body and number on the left, the national motto on the right. */}
        <header className="grid grid-cols-1 gap-4 text-center sm:grid-cols-2">
          <div>
            <p className="font-semibold uppercase" data-testid="certificate-issuer">{c.hostName}</p>
            <p className="mx-auto mt-1 w-24 border-t border-slate-800" aria-hidden="true" />
            <p className="mt-1 text-sm">{t("certificate.numberLine", { number: c.number })}</p>
          </div>
          <div data-testid="certificate-motto">
            <p className="text-sm font-bold">{t("certificate.mottoCountry")}</p>
            <p className="font-semibold">{t("certificate.mottoWords")}</p>
            <p className="mx-auto mt-1 w-48 border-t border-slate-800" aria-hidden="true" />
          </div>
        </header>
        <div className="text-center">
          <h1 className="mt-8 text-3xl font-bold uppercase text-teal-800">{t("certificate.title")}</h1>
          <p className="mt-4">{t("certificate.certifies")}</p>
          <p className="mt-1 text-2xl font-semibold">{c.holderName}</p>
          <p className="text-slate-700">{c.holderFacility}</p>
          <p className="mt-4">{t("certificate.completed")}</p>
          <p className="mt-1 text-xl font-semibold">{c.courseTitle}</p>
          <p className="mt-3">{t("certificate.period", { start: formatDate(c.startOn, locale), end: formatDate(c.endOn, locale) })}</p>
          <p>{t("certificate.hours", { hours: formatNumber(c.creditHours, locale, 1) })}</p>
        </div>
        <footer className="mt-8 grid grid-cols-1 items-end gap-4 text-sm sm:grid-cols-2">
          <div className="text-slate-700">
            <img src={qr} alt={t("verify.qr")} width={100} height={100} data-testid="certificate-qr" />
            <p className="mt-1 break-all text-xs">{t("certificate.verifyAt", { url: verifyUrl })}</p>
          </div>
          <div className="text-center" data-testid="certificate-signer">
            <p className="italic">{placeDate(c.completedOn)}</p>
            <p className="mt-1 font-bold uppercase">{t("certificate.signerTitle")}</p>
            <div className="h-16" aria-hidden="true" />
            <p className="font-semibold">{c.signerName ?? ""}</p>
          </div>
        </footer>
      </article>
    </div>
  );
}
