// Reads an import form: one file part and a few short text fields, bounded in size, from a
// multipart body only. Anything else answers with a 4xx Response carrying a message key.
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_IMPORT_BYTES, type UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";

export type ImportUpload = { file: UploadedFile; fields: Record<string, string> };
export type UploadError = { ok: false; fieldErrors: Record<string, string[]> };

/** The body's file part ("file") and its text fields; a Response (400, 413, 415) otherwise. */
export async function readImportUpload(request: Request): Promise<ImportUpload | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return json<UploadError>({ ok: false, fieldErrors: { file: ["imports:errors.noFile"] } }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return json<UploadError>(
        { ok: false, fieldErrors: { file: [encodeMessage("imports:errors.tooLarge", { size: MAX_IMPORT_BYTES / 1024 / 1024 })] } },
        { status: 413 },
      );
    }
    return json<UploadError>({ ok: false, fieldErrors: { file: ["imports:errors.noFile"] } }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) {
    return json<UploadError>({ ok: false, fieldErrors: { file: ["imports:errors.noFile"] } }, { status: 400 });
  }
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key === "file") continue;
    // A form of a few fields: more, or longer ones, is not a person filling it in.
    if (++count > 50 || value.length > 2000) return json<UploadError>({ ok: false, fieldErrors: { file: ["imports:errors.noFile"] } }, { status: 400 });
    fields[key] = value;
  }
  return { file: { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, fields };
}
