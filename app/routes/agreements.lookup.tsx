import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { searchFacilities, searchTechniques } from "~/models/agreements/queries.server";

// Suggestions for the code fields of the agreement forms (JSON, at most 20).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const db = getDb();
  const options =
    url.searchParams.get("kind") === "technique"
      ? searchTechniques(db, q).map((t) => ({ value: t.code, label: `${t.code} ${t.name}` }))
      : searchFacilities(db, q, await getLocale(request)).map((f) => ({ value: f.code, label: `${f.name} (${f.level})` }));
  return json({ options }, { headers: { "Cache-Control": "private, max-age=60" } });
}
