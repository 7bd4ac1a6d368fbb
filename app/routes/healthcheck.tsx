import { getDb } from "~/db/client.server";
import { pingDb } from "~/models/overview.server";

export function loader() {
  try {
    if (pingDb(getDb())) return new Response("OK", { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthcheck: database did not answer", error);
  }
  return new Response("Database unavailable", { status: 503 });
}
