// Bundles the import worker (app/models/imports/import-worker.server.ts) beside the server
// bundle, where the server finds it (worker-runner.server.ts). Run by `npm run build` after
// `remix build`; honours REMIX_BUILD_DIR like remix.config.js. Packages stay external: the
// worker loads them from node_modules as the server does.
import path from "node:path";
import { build } from "esbuild";

// Every bare import except the app's own "~/" alias (which esbuild resolves from tsconfig.json).
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("~/") ? undefined : { path: args.path, external: true }));
  },
};

const out = process.env.REMIX_BUILD_DIR ? path.join(process.env.REMIX_BUILD_DIR, "server") : "build";

await build({
  entryPoints: ["app/models/imports/import-worker.server.ts"],
  outfile: path.join(out, "import-worker.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [externalPackages],
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
