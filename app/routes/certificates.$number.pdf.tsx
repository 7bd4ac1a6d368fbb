// The certificate as a PDF (A4 landscape, DejaVu Sans for the Vietnamese text).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { certificateVerifyUrl, getCertificate, renderCertificatePdf } from "~/models/courses/certificates.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const certificate = getCertificate(getDb(), actor, params.number ?? "");
  if (!certificate) throw notFound();
  const locale = await getLocale(request);
  const verifyUrl = certificateVerifyUrl(new URL(request.url).origin, certificate);
  const pdf = await renderCertificatePdf(certificate, {
    t: getFixedT(locale, "courses"),
    formatDate: (d) => formatDate(d, locale),
    verifyUrl,
  });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${certificate.number}.pdf"` },
  });
}
