import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { listCommunes } from "~/models/facilities/queries.server";

// The communes of one province for the facility form's commune list (public reference data).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  const province = (new URL(request.url).searchParams.get("province") ?? "").slice(0, 10);
  return json({ communes: province ? listCommunes(getDb(), province) : [] }, { headers: { "Cache-Control": "private, max-age=300" } });
}
