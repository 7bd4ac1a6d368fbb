// Reading a request body with limits, before any parser sees it. Every action reads its form
// through here (via form.server.ts), so no body is larger, has more fields or arrives in
// another format than the limits allow: the answer is a 413, 400 or 415 Response, thrown
// before the body is parsed, and never a 500.
import { encodeMessage } from "./messages";

export type BodyLimits = {
  /** Bytes of the whole body; more is a 413. */
  maxBytes?: number;
  /** Fields (name=value pairs or multipart parts); more is a 413. */
  maxFields?: number;
  /** Characters of one field name; longer is a 400. */
  maxNameLength?: number;
};

/** A plain form (no file) never needs more than this; the largest, an attendance sheet, stays well under it. */
export const DEFAULT_FORM_BYTES = 256 * 1024;
export const DEFAULT_MAX_FIELDS = 1000;
export const DEFAULT_NAME_LENGTH = 200;

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

function fail(status: 400 | 413 | 415, key: string, params?: Record<string, string | number>): Response {
  return new Response(encodeMessage(key, params), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const bodyErrors = {
  tooLarge: (maxBytes: number) => fail(413, "common:errors.bodyTooLarge", { max: Math.max(1, Math.round(maxBytes / 1024)) }),
  tooManyFields: (maxFields: number) => fail(413, "common:errors.tooManyFields", { max: maxFields }),
  unsupported: () => fail(415, "common:errors.unsupportedBody"),
  malformed: () => fail(400, "common:errors.malformedForm"),
};

/** The media type of the request, lower case, without parameters ("" when absent). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * The body's bytes, refusing (413) a declared or actual length above `maxBytes`. The stream is
 * cancelled as soon as the limit is passed, so a liar's body is not read to its end.
 */
export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared.trim()) || Number(declared) > maxBytes)) {
    throw bodyErrors.tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw bodyErrors.malformed();
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyErrors.tooLarge(maxBytes);
    }
    chunks.push(step.value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function checkNames(names: Iterable<string>, maxFields: number, maxNameLength: number) {
  let n = 0;
  for (const name of names) {
    if (++n > maxFields) throw bodyErrors.tooManyFields(maxFields);
    if (name.length > maxNameLength) throw bodyErrors.malformed();
  }
}

/** Parses an url-encoded body: invalid UTF-8 becomes U+FFFD, as in browsers. */
function parseUrlEncoded(bytes: Uint8Array, maxFields: number, maxNameLength: number): FormData {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // Count the pairs before building anything.
  let pairs = text.length === 0 ? 0 : 1;
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) {
    if (++pairs > maxFields) throw bodyErrors.tooManyFields(maxFields);
  }
  const form = new FormData();
  const params = new URLSearchParams(text);
  checkNames(params.keys(), maxFields, maxNameLength);
  for (const [name, value] of params) form.append(name, value);
  return form;
}

/** Parses a multipart body already read in full; file names may hold any character (`;`, `=`, quotes, Vietnamese). */
async function parseMultipart(request: Request, bytes: Uint8Array, maxFields: number, maxNameLength: number): Promise<FormData> {
  // Parts are delimited by the boundary: more delimiters than fields is refused before parsing.
  const boundary = /boundary="?([^";]+)"?/i.exec(request.headers.get("Content-Type") ?? "")?.[1];
  if (!boundary) throw bodyErrors.malformed();
  const delimiter = Buffer.from(`--${boundary}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let parts = 0;
  for (let i = buffer.indexOf(delimiter); i !== -1; i = buffer.indexOf(delimiter, i + delimiter.length)) {
    if (++parts > maxFields + 1) throw bodyErrors.tooManyFields(maxFields);
  }
  let form: FormData;
  try {
    // undici's parser reads quoted file names whole; Remix's unstable multipart parser does not.
    form = await new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": request.headers.get("Content-Type")! },
      body: bytes as unknown as BodyInit,
    }).formData();
  } catch {
    throw bodyErrors.malformed();
  }
  checkNames(form.keys(), maxFields, maxNameLength);
  return form;
}

/**
 * The request's form, read within the limits. Only `application/x-www-form-urlencoded` and
 * `multipart/form-data` are forms: anything else (JSON, text, no type) is a 415.
 */
export async function readFormData(request: Request, limits: BodyLimits = {}): Promise<FormData> {
  const maxBytes = limits.maxBytes ?? DEFAULT_FORM_BYTES;
  const maxFields = limits.maxFields ?? DEFAULT_MAX_FIELDS;
  const maxNameLength = limits.maxNameLength ?? DEFAULT_NAME_LENGTH;
  const type = mediaTypeOf(request);
  if (type !== URLENCODED && type !== MULTIPART) {
    // A bodiless post (a bare button in a test, a curl -X POST) is an empty form.
    if (!request.body && type === "") return new FormData();
    throw bodyErrors.unsupported();
  }
  const bytes = await readBytes(request, maxBytes);
  return type === URLENCODED ? parseUrlEncoded(bytes, maxFields, maxNameLength) : parseMultipart(request, bytes, maxFields, maxNameLength);
}

export type Upload = {
  /** The other fields of the form, as strings. */
  fields: FormData;
  /** The file of the named field, or null when none was chosen. */
  file: { name: string; type: string; bytes: Uint8Array } | null;
};

/**
 * A multipart upload of one file, bounded: a body above `maxBytes` is a 413 (refused from its
 * declared length before reading when it says so), anything but multipart a 415, a broken
 * body a 400 — each thrown as a Response. The file's name comes back as sent (any
 * character); store it through `path.basename` and never build a path from it.
 */
export async function readUpload(
  request: Request,
  options: { maxBytes: number; fileField?: string; maxFields?: number },
): Promise<Upload> {
  if (mediaTypeOf(request) !== MULTIPART) throw bodyErrors.unsupported();
  // Room for the other fields and the part headers around the file.
  const fields = await readFormData(request, { maxBytes: options.maxBytes + 64 * 1024, maxFields: options.maxFields ?? 50 });
  const fileField = options.fileField ?? "file";
  const entry = fields.get(fileField);
  fields.delete(fileField);
  for (const [, value] of fields) if (typeof value !== "string") throw bodyErrors.malformed();
  if (!(entry instanceof Blob) || (entry.size === 0 && !(entry instanceof File && entry.name))) return { fields, file: null };
  if (entry.size > options.maxBytes) throw bodyErrors.tooLarge(options.maxBytes);
  const name = entry instanceof File ? entry.name : "";
  return { fields, file: { name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) } };
}
