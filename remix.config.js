// Browser tests build into their own folder (REMIX_BUILD_DIR) so that a test run never
// overwrites the build that `npm start` serves.
const out = process.env.REMIX_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  tailwind: true,
  postcss: true,
  serverBuildPath: out ? `${out}/server/index.js` : "build/index.js",
  assetsBuildDirectory: out ? `${out}/assets` : "public/build",
  cacheDirectory: out ? `${out}/cache` : ".cache",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
