// Bundles the worker threads beside the server bundle, where the server finds them: the import
// worker (app/models/imports/import-worker.server.ts, found by worker-runner.server.ts) and the
// rotation solver's (app/models/rotations/solver/solver-worker.server.ts, found by run.server.ts). Run by `npm run build` after
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

const workers = [
  ["app/models/imports/import-worker.server.ts", "import-worker.mjs"],
  ["app/models/rotations/solver/solver-worker.server.ts", "solver-worker.mjs"],
];

for (const [entry, file] of workers) {
  await build({
    entryPoints: [entry],
    outfile: path.join(out, file),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [externalPackages],
    tsconfig: "tsconfig.json",
    logLevel: "warning",
  });
}
