import type { LoaderFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { getDocumentFile } from "~/models/agreements/documents.server";
import { orRespond } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";

// Streams a stored document to a reader of its agreement, with its checksum as the ETag.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const doc = orRespond(() => getDocumentFile(getDb(), actor, requireId(params.id), requireId(params.documentId)));
  return new Response(fs.readFileSync(doc.path), {
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(doc.sizeBytes),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      ETag: `"${doc.sha256}"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
