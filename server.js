// The production HTTP server: remix-serve's setup (compression, static assets, request log)
// plus two things it cannot do.
// 1. Cross-site writes are refused with a clear 403 page before Remix sees them. (Remix's own
//    check answers a bare 500; the app's requireActor check covers data requests as well.)
// 2. The client's address for sign-in throttling comes from the socket, not from a header the
//    client could forge, unless TRUST_PROXY=1 says a reverse proxy sets X-Forwarded-For.
// With LITESTREAM_REPLICA_URL set, the server runs as Litestream's child (app/ops/litestream.js).
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

if (process.env.LITESTREAM_REPLICA_URL && !process.env.PLANNER_UNDER_LITESTREAM) {
  const { runUnderLitestream } = await import("./app/ops/litestream.js");
  const database = process.env.DATABASE_PATH || "data/planner.sqlite";
  console.log(`[server] replicating ${database} to ${process.env.LITESTREAM_REPLICA_URL}`);
  process.exit(await runUnderLitestream(database, [process.execPath, ...process.argv.slice(1)]));
}

// Node's own fetch classes (undici), as in the tests: the polyfill's multipart parser spent
// ~300 ms of the request thread on a 4 MB upload, undici's a fifth of that.
installGlobals({ nativeFetch: true });

const buildDir = process.env.REMIX_BUILD_DIR;
const buildPath = path.resolve(buildDir ? `${buildDir}/server/index.js` : "build/index.js");
const build = await import(url.pathToFileURL(buildPath).href);
const trustProxy = process.env.TRUST_PROXY === "1";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function isCrossSite(req) {
  if (SAFE.has(req.method)) return false;
  if ((req.get("sec-fetch-site") ?? "").toLowerCase() === "cross-site") return true;
  const origin = req.get("origin");
  if (origin === undefined) return false;
  if (origin === "null") return true;
  const host = (trustProxy && req.get("x-forwarded-host")?.split(",")[0].trim()) || req.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function refusedPage(req) {
  // The language cookie holds base64 JSON: "en" is ImVuIg==.
  const english = /(?:^|;\s*)lng=ImVuIg/.test(req.get("cookie") ?? "");
  const [title, body, home] = english
    ? ["Request refused", "This form was sent from another website, so nothing was changed.", "Back to the planner"]
    : ["Yêu cầu bị từ chối", "Biểu mẫu này được gửi từ một trang web khác nên không có thay đổi nào được thực hiện.", "Về trang chủ"];
  return `<!DOCTYPE html><html lang="${english ? "en" : "vi"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 – ${title}</title></head><body style="font-family:'Segoe UI',Roboto,Arial,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;text-align:center;color:#0f172a"><p style="font-size:2.5rem;font-weight:700;color:#115e59;margin:0">403</p><h1>${title}</h1><p>${body}</p><p><a href="/">${home}</a></p></body></html>`;
}

// Every answer gets the protective headers (unless the app already set them: it sets its own,
// with a CSP nonce, on every page it renders); the server's own 403 page also a policy that
// lets nothing run. Anything answered to a signed-in browser (pages, data, exports, documents)
// is never stored. Both are applied just before the headers leave, over what the route set.
const OWN_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const SECURITY_HEADERS = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" };
function beforeHeadersLeave(res, change) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    change();
    return writeHead.apply(this, args);
  };
}
function protectiveHeaders(req, res, next) {
  beforeHeadersLeave(res, () => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!res.hasHeader(name)) res.setHeader(name, value);
  });
  next();
}
// After the static files: their long-lived caching stays.
function noStoreWhenSignedIn(req, res, next) {
  if (/(?:^|;\s*)__session=/.test(req.get("cookie") ?? "")) beforeHeadersLeave(res, () => res.setHeader("Cache-Control", "no-store"));
  next();
}

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);
app.use(compression());
app.use(protectiveHeaders);
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(morgan("tiny"));
app.use(noStoreWhenSignedIn);
app.use((req, res, next) => {
  if (isCrossSite(req)) {
    res.status(403).type("html").setHeader("Content-Security-Policy", OWN_PAGE_POLICY);
    res.setHeader("Cache-Control", "no-store");
    res.send(refusedPage(req));
    return;
  }
  if (!trustProxy) {
    // The app reads the client address from these headers; only the socket is trusted here.
    delete req.headers["x-forwarded-for"];
    req.headers["x-real-ip"] = req.socket.remoteAddress ?? "unknown";
  }
  next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST;
const onListen = () => console.log(`[server] http://${host ?? "localhost"}:${port}`);
const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close());
