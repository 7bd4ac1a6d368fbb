import { useRouteLoaderData } from "@remix-run/react";

/** The signed-in user's username from the root loader (the outbox and drafts are kept per user). */
export function useShellUsername(): string | null {
  return useRouteLoaderData<{ user: { username: string } | null }>("root")?.user?.username ?? null;
}
