// The bare comparison page of tests/bench/pages/run.ts, built with `remix build` from this
// folder into BARE_BUILD_DIR (a temporary folder inside the repository, so that the server
// bundle finds its packages in the repository's node_modules). Remix's default entry files.
const out = process.env.BARE_BUILD_DIR;
if (!out) throw new Error("BARE_BUILD_DIR is not set (tests/bench/pages/run.ts sets it)");

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  tailwind: false,
  postcss: false,
  serverBuildPath: `${out}/server/index.js`,
  assetsBuildDirectory: `${out}/assets`,
  cacheDirectory: `${out}/cache`,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
