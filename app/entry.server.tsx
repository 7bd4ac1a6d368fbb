import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "~/db/client.server";
import { resources } from "~/i18n/resources";
import { resolveSessionSecret } from "~/models/auth/secret.server";
import { contentSecurityPolicy, newNonce, setSecurityHeaders } from "~/security-headers.server";
import { warnAboutDemoPasswords } from "~/startup.server";
import { NonceContext } from "~/utils/nonce";
import { installZodMessages } from "~/utils/zod-messages";

const ABORT_DELAY = 5_000;

// Start-up checks, once per process (the module is loaded when the server starts). Without a
// session secret the server stops here, before it listens.
const started = globalThis as unknown as { __plannerStartupChecked?: boolean };
// Both languages are registered by importing them (named here so the import is never dropped),
// and zod's default messages become translation keys for every server-side parse.
void resources;
installZodMessages();
if (!started.__plannerStartupChecked) {
  resolveSessionSecret();
  started.__plannerStartupChecked = true;
  warnAboutDemoPasswords(getDb()).catch((error: unknown) => console.error("start-up check failed:", error));
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = newNonce();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          setSecurityHeaders(responseHeaders);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Loader and action data (`?_data=`): the same headers as the pages they feed. */
export function handleDataRequest(response: Response): Response {
  setSecurityHeaders(response.headers);
  return response;
}
