// Reads an import form: one file part and a few short text fields, through the bounded
// request-body reader. Anything else answers with a 4xx Response whose body puts the message
// next to the file field (the import pages show it there).
import { json } from "@remix-run/node";
import { MAX_IMPORT_BYTES, type UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { readUpload } from "~/utils/request-body.server";

export type ImportUpload = { file: UploadedFile; fields: Record<string, string> };
export type UploadError = { ok: false; fieldErrors: Record<string, string[]> };

function refuse(message: string, status: number): Response {
  return json<UploadError>({ ok: false, fieldErrors: { file: [message] } }, { status });
}

/** The body's file part ("file") and its text fields; a Response (400, 413, 415) otherwise. */
export async function readImportUpload(request: Request): Promise<ImportUpload | Response> {
  let upload;
  try {
    upload = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES, maxFields: 50 });
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    if (error.status === 413) return refuse(encodeMessage("imports:errors.tooLarge", { size: MAX_IMPORT_BYTES / 1024 / 1024 }), 413);
    return refuse("imports:errors.noFile", error.status);
  }
  if (!upload.file || upload.file.bytes.length === 0 || !upload.file.name) return refuse("imports:errors.noFile", 400);
  const fields: Record<string, string> = {};
  for (const [key, value] of upload.fields) {
    // A form of a few short fields: a longer one is not a person filling it in.
    if (typeof value !== "string" || value.length > 2000) return refuse("imports:errors.noFile", 400);
    fields[key] = value;
  }
  return { file: { fileName: upload.file.name, bytes: upload.file.bytes }, fields };
}
