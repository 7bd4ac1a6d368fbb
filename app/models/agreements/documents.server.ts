// Signed files of an agreement. The bytes live on disk under UPLOADS_DIR, named by their
// SHA-256 (identical files are stored once); the database keeps the name, type, size and
// checksum. Files are size-limited and type-checked by extension, declared type and content.
// A wrongly attached document is deleted row first, bytes after the commit.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementDocuments, agreementMeetings } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAudit, type Tx } from "~/models/audit/audit.server";
import { DomainError, NotFoundError } from "~/models/errors";
import { requireManageableAgreement, requireReadableAgreement } from "./access.server";

/** 10 MB: a scanned multi-page agreement fits; a video does not. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

type Kind = { mime: string; magic: (b: Uint8Array) => boolean };
const startsWith = (bytes: number[]) => (b: Uint8Array) => bytes.every((v, i) => b[i] === v);
const PDF = startsWith([0x25, 0x50, 0x44, 0x46]); // %PDF
const PNG = startsWith([0x89, 0x50, 0x4e, 0x47]);
const JPEG = startsWith([0xff, 0xd8, 0xff]);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]); // docx, xlsx, odt…
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0]); // doc, xls

/** Allowed extensions, the type stored for each, and the signature the content must carry. */
export const DOCUMENT_KINDS: Record<string, Kind> = {
  pdf: { mime: "application/pdf", magic: PDF },
  png: { mime: "image/png", magic: PNG },
  jpg: { mime: "image/jpeg", magic: JPEG },
  jpeg: { mime: "image/jpeg", magic: JPEG },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: ZIP },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  odt: { mime: "application/vnd.oasis.opendocument.text", magic: ZIP },
  doc: { mime: "application/msword", magic: OLE },
  xls: { mime: "application/vnd.ms-excel", magic: OLE },
};

export function uploadsDir(): string {
  return path.resolve(process.env.UPLOADS_DIR || "data/uploads");
}

/**
 * The name a document is listed and downloaded under: the last segment of whatever path the
 * browser sent (`/` or `\\`), without control characters or lone surrogates, at most 200
 * characters. Any other character (`;`, `=`, quotes, Vietnamese) is kept; storage is by checksum.
 */
export function storedFileName(sent: string): string {
  const cleaned = sent
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- control characters are what this drops
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
  const base = cleaned.split(/[\\/]/).pop()!.trim();
  return Array.from(base).slice(0, 200).join("") || "document";
}

export type UploadInput = { title: string; meetingId?: number; fileName: string; bytes: Uint8Array };

/** The stored type of an acceptable file, or a 413 / 415 refusal next to the file field. */
export function checkDocumentFile(fileName: string, bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new DomainError("agreements:errors.fileEmpty", { field: "file" });
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new DomainError("agreements:errors.fileTooLarge", { field: "file", status: 413, params: { max: MAX_DOCUMENT_BYTES / 1024 / 1024 } });
  }
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const kind = DOCUMENT_KINDS[ext];
  if (!kind || !kind.magic(bytes)) {
    throw new DomainError("agreements:errors.fileType", { field: "file", status: 415 });
  }
  return kind.mime;
}

export function saveDocument(db: Db, actor: Actor, agreementId: number, input: UploadInput, options: { dir?: string; at?: string } = {}) {
  requireManageableAgreement(db, actor, agreementId);
  const mimeType = checkDocumentFile(input.fileName, input.bytes);
  if (input.meetingId !== undefined) {
    const meeting = db
      .select({ id: agreementMeetings.id })
      .from(agreementMeetings)
      .where(and(eq(agreementMeetings.id, input.meetingId), eq(agreementMeetings.agreementId, agreementId)))
      .get();
    if (!meeting) throw new DomainError("common:validation.invalid", { field: "meetingId" });
  }
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const dir = options.dir ?? uploadsDir();
  const storagePath = path.join(sha256.slice(0, 2), sha256);
  const full = path.join(dir, storagePath);
  // Written before the row: a crash leaves an orphan file, never a row without its bytes.
  if (!fs.existsSync(full)) {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(`${full}.part`, input.bytes);
    fs.renameSync(`${full}.part`, full);
  }
  const fileName = storedFileName(input.fileName);
  return db.transaction((tx) => {
    const row = tx
      .insert(agreementDocuments)
      .values({ agreementId, meetingId: input.meetingId ?? null, title: input.title, fileName, mimeType, sizeBytes: input.bytes.byteLength, sha256, storagePath, uploadedBy: actor.userId })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "agreement_document", entityId: row.id, after: row, at: options.at });
    return row;
  });
}

/** The document of this agreement; 404 for an unknown id or another agreement's document. */
function requireDocument(db: Tx, agreementId: number, documentId: number) {
  const doc = db
    .select()
    .from(agreementDocuments)
    .where(and(eq(agreementDocuments.id, documentId), eq(agreementDocuments.agreementId, agreementId)))
    .get();
  if (!doc) throw new NotFoundError();
  return doc;
}

/** A readable document's metadata and absolute file path; 404 when it or its bytes are gone. */
export function getDocumentFile(db: Db, actor: Actor, agreementId: number, documentId: number, options: { dir?: string } = {}) {
  requireReadableAgreement(db, actor, agreementId);
  const doc = requireDocument(db, agreementId, documentId);
  const full = path.join(options.dir ?? uploadsDir(), doc.storagePath);
  if (!fs.existsSync(full)) throw new NotFoundError();
  return { ...doc, path: full };
}

/** What the deletion's confirmation step shows; managers of the agreement only. */
export function getDocumentForDeletion(db: Db, actor: Actor, agreementId: number, documentId: number) {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  const doc = requireDocument(db, agreementId, documentId);
  const meeting = doc.meetingId
    ? db.select({ title: agreementMeetings.title, heldOn: agreementMeetings.heldOn }).from(agreementMeetings).where(eq(agreementMeetings.id, doc.meetingId)).get() ?? null
    : null;
  return {
    agreement: { id: agreement.id, number: agreement.number, title: agreement.title },
    document: { id: doc.id, title: doc.title, fileName: doc.fileName, sizeBytes: doc.sizeBytes, createdAt: doc.createdAt, meeting },
  };
}

/**
 * Deletes a wrongly attached document: the row and its audit event in one transaction, then,
 * once that has committed, the bytes, unless another document (of any agreement) shares the
 * checksum. A file that cannot be removed stays behind as an orphan, as after a crash during
 * an upload: never a row without its bytes.
 */
export function deleteDocument(db: Db, actor: Actor, agreementId: number, documentId: number, options: { dir?: string; at?: string } = {}) {
  const doc = db.transaction((tx) => {
    requireManageableAgreement(tx, actor, agreementId);
    const row = requireDocument(tx, agreementId, documentId);
    tx.delete(agreementDocuments).where(eq(agreementDocuments.id, documentId)).run();
    recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "agreement_document", entityId: documentId, before: row, at: options.at });
    return row;
  });
  const shared = db.select({ n: sql<number>`count(*)` }).from(agreementDocuments).where(eq(agreementDocuments.storagePath, doc.storagePath)).get()?.n ?? 0;
  if (shared === 0) {
    const full = path.join(options.dir ?? uploadsDir(), doc.storagePath);
    try {
      fs.rmSync(full, { force: true });
    } catch (error) {
      console.error(`Document ${documentId} deleted; its file ${full} could not be removed`, error);
    }
  }
  return doc;
}
