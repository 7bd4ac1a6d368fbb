// Certificates of completion: the public verification, the printable record and the PDF
// (pdfkit with DejaVu Sans, which carries every Vietnamese glyph). Numbers run on per host and
// year, so anyone can guess them: a number alone verifies only as valid or not. The holder's
// name is shown only to whoever has the certificate's random token (its QR code and link).
import crypto from "node:crypto";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import { courses, enrolments, facilities, staff } from "~/db/schema";
import { canRead, facilityHeadRoles, type Actor } from "~/models/access/policy";
import { alias } from "drizzle-orm/sqlite-core";

export type Certificate = {
  number: string;
  token: string;
  holderName: string;
  holderFacility: string;
  courseId: number;
  courseTitle: string;
  hostName: string;
  /** The host hospital's director, who signs for it (null when the hospital has no director account). */
  signerName: string | null;
  startOn: string;
  endOn: string;
  completedOn: string;
  creditHours: number;
};

const holderFacility = alias(facilities, "holder_facility");
const hostFacility = alias(facilities, "host_facility");

/** 128 random bits, hex. */
export function newCertificateToken(): string {
  return crypto.randomBytes(16).toString("hex");
}

function loadCertificate(db: Db, by: { number: string } | { token: string }) {
  return db
    .select({
      number: enrolments.certificateNumber,
      token: enrolments.certificateToken,
      holderName: staff.fullName,
      holderFacility: holderFacility.name,
      holderFacilityId: holderFacility.id,
      holderProvince: holderFacility.provinceCode,
      courseId: courses.id,
      courseTitle: courses.title,
      hostName: hostFacility.name,
      hostFacilityId: hostFacility.id,
      hostProvince: hostFacility.provinceCode,
      // The director signs for the hospital: the first active account of the host that heads it.
      signerName: sql<string | null>`(select u.display_name from users u where u.facility_id = ${hostFacility.id}
        and u.role in (${sql.join(facilityHeadRoles().map((r) => sql`${r}`), sql`, `)}) and u.active = 1 order by u.id limit 1)`,
      startOn: courses.startOn,
      endOn: courses.endOn,
      completedOn: enrolments.completedOn,
      creditHours: courses.creditHours,
    })
    .from(enrolments)
    .innerJoin(staff, eq(staff.id, enrolments.staffId))
    .innerJoin(holderFacility, eq(holderFacility.id, staff.facilityId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(hostFacility, eq(hostFacility.id, courses.hostFacilityId))
    .where(
      and(
        "token" in by ? eq(enrolments.certificateToken, by.token) : eq(enrolments.certificateNumber, by.number),
        eq(enrolments.status, "completed"),
      ),
    )
    .get();
}

function toCertificate(row: NonNullable<ReturnType<typeof loadCertificate>>): Certificate {
  return {
    number: row.number!,
    token: row.token!,
    holderName: row.holderName,
    holderFacility: row.holderFacility,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    hostName: row.hostName,
    signerName: row.signerName,
    startOn: row.startOn,
    endOn: row.endOn,
    completedOn: row.completedOn ?? row.endOn,
    creditHours: row.creditHours,
  };
}

/** Public check of a printed number: true when a completed certificate has it. Nothing more. */
export function isValidCertificateNumber(db: Db, number: string): boolean {
  const trimmed = number.trim().toUpperCase();
  if (!trimmed || trimmed.length > 80) return false;
  return loadCertificate(db, { number: trimmed }) !== undefined;
}

/** Public verification by the certificate's token (QR code, link): the certificate, or null. */
export function verifyCertificate(db: Db, token: string): Certificate | null {
  const trimmed = token.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(trimmed)) return null;
  const row = loadCertificate(db, { token: trimmed });
  return row ? toCertificate(row) : null;
}

/** The public link that shows the certificate to whoever holds it (printed as a QR code). */
export function certificateVerifyUrl(origin: string, certificate: Pick<Certificate, "token">): string {
  return `${origin}/certificates/verify?t=${certificate.token}`;
}

/**
 * The certificate for printing, for those who read the host's or the holder's facility
 * records; null when absent or not theirs to read (a 404 either way: numbers are verifiable
 * publicly, so hiding existence would gain nothing, but the printable copy stays private).
 */
export function getCertificate(db: Db, actor: Actor, number: string): Certificate | null {
  const row = loadCertificate(db, { number: number.trim().toUpperCase() });
  if (!row) return null;
  const readable = canRead(actor, [
    { facilityId: row.hostFacilityId, provinceCode: row.hostProvince },
    { facilityId: row.holderFacilityId, provinceCode: row.holderProvince },
  ]);
  return readable ? toCertificate(row) : null;
}

const FONT_DIR = path.resolve(process.cwd(), "node_modules/dejavu-fonts-ttf/ttf");

export type CertificateText = {
  t: TFunction;
  formatDate: (date: string) => string;
  verifyUrl: string;
};

/** The verification link as a QR code image (data: URL) for the printable page. */
export function certificateQrDataUrl(verifyUrl: string): Promise<string> {
  return QRCode.toDataURL(verifyUrl, { margin: 1, width: 200 });
}

/** Renders the certificate as an A4 landscape PDF, with the verification link as a QR code. */
export async function renderCertificatePdf(cert: Certificate, { t, formatDate, verifyUrl }: CertificateText): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, width: 300 });
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 50, info: { Title: `${t("certificate.title")} ${cert.number}` } });
  doc.registerFont("body", path.join(FONT_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", path.join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 100;
  doc.rect(25, 25, doc.page.width - 50, doc.page.height - 50).lineWidth(3).stroke("#0f766e");
  doc.rect(32, 32, doc.page.width - 64, doc.page.height - 64).lineWidth(0.8).stroke("#0f766e");
  // The administrative layout: issuing body and number on the left, the national motto on the right.
  const half = width / 2;
  doc.fillColor("#0f172a").font("bold").fontSize(12).text(cert.hostName.toUpperCase(), 50, 55, { width: half - 10, align: "center" });
  doc.font("body").fontSize(11).text(t("certificate.numberLine", { number: cert.number }), { width: half - 10, align: "center" });
  doc.font("bold").fontSize(12).text(t("certificate.mottoCountry"), 50 + half, 55, { width: half, align: "center" });
  doc.fontSize(12).text(t("certificate.mottoWords"), { width: half, align: "center" });
  const underline = doc.y + 2;
  doc.moveTo(50 + half + half / 2 - 80, underline).lineTo(50 + half + half / 2 + 80, underline).lineWidth(0.8).stroke("#0f172a");
  doc.text("", 50, 125);
  doc.font("bold").fontSize(30).fillColor("#0f766e").text(t("certificate.title").toUpperCase(), { width, align: "center" });
  doc.moveDown(0.8);
  doc.font("body").fontSize(14).fillColor("#0f172a").text(t("certificate.certifies"), { width, align: "center" });
  doc.moveDown(0.4);
  doc.font("bold").fontSize(24).text(cert.holderName, { width, align: "center" });
  doc.font("body").fontSize(13).text(cert.holderFacility, { width, align: "center" });
  doc.moveDown(0.8);
  doc.fontSize(14).text(t("certificate.completed"), { width, align: "center" });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(18).text(cert.courseTitle, { width, align: "center" });
  doc.moveDown(0.6);
  doc
    .font("body")
    .fontSize(13)
    .text(t("certificate.period", { start: formatDate(cert.startOn), end: formatDate(cert.endOn) }), { width, align: "center" })
    .text(t("certificate.hours", { hours: cert.creditHours }), { width, align: "center" });
  const bottom = doc.page.height - 150;
  doc.image(qr, 60, bottom, { width: 80 });
  doc.font("body").fontSize(9).fillColor("#334155").text(t("certificate.verifyAt", { url: verifyUrl }), 150, bottom + 30, { width: half - 110 });
  const [year, month, day] = cert.completedOn.split("-");
  const signer = { width: half, align: "center" as const };
  doc.fillColor("#0f172a").fontSize(11).text(t("certificate.placeDate", { day, month, year, date: formatDate(cert.completedOn) }), 50 + half, bottom - 10, signer);
  doc.font("bold").fontSize(12).text(t("certificate.signerTitle").toUpperCase(), signer);
  if (cert.signerName) doc.text(cert.signerName, 50 + half, bottom + 70, signer);
  doc.end();
  return done;
}
