import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { assertSameOrigin, clearSessionCookie, endSession, readSessionId } from "~/models/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const sessionId = await readSessionId(request);
  if (sessionId) endSession(getDb(), sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}

export function loader() {
  return redirect("/");
}
