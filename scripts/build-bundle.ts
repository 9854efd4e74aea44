/**
 * Run by `npm run build` after the compiler: bundle the command line and the
 * worker thread, with the libraries they use, into dist/bundle/ (esbuild).
 *
 * Why: Node loads an ES module file by file, and a lint run loads about 250
 * of them (our 60 and the parser's 190); resolving, reading and compiling
 * them one by one took about a third of a one-file run (the pre-commit case),
 * and as long as parsing the policy. Bundled, a run loads a handful of files.
 * What a run does not need stays out of the way: every `import()` in the code
 * (the parser, the rules, the configuration machinery, each formatter, the
 * docs) becomes a chunk of its own, loaded only by the runs that need it.
 *
 * Left outside the bundle, loaded from node_modules as before:
 * - micromark-util-edit-map, because src/document/parse.ts replaces one method of the
 *   class micromark uses: micromark and policy-lint must share one copy;
 * - the libraries loaded with createRequire only when a run needs them (the
 *   glob and ignore libraries, the YAML parser): esbuild leaves such calls as
 *   they are.
 * The bundle is ES modules; libraries written as CommonJS (commander) call
 * `require` for Node's own modules, which the banner provides.
 *
 * Source maps are written beside the bundle: with NODE_OPTIONS=--enable-source-maps,
 * a stack trace (--debug) names the TypeScript sources. They are for working on
 * policy-lint and are not published (package.json "files").
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A fresh folder each time: esbuild names chunks by their content and never removes old ones, so without this
// every build would leave its chunks behind (and npm pack would ship them all).
fs.rmSync(path.join(dist, 'bundle'), { recursive: true, force: true });

await build({
  entryPoints: { cli: path.join(dist, 'src', 'cli', 'main.js'), worker: path.join(dist, 'src', 'runner', 'worker.js'), index: path.join(dist, 'src', 'index.js') },
  outdir: path.join(dist, 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pdfjs-dist stays a package of its own (a dependency): it loads its worker module from beside itself.
  external: ['micromark-util-edit-map', 'pdfjs-dist', 'pdfjs-dist/*'],
  banner: { js: "import { createRequire as __policyLintRequire } from 'node:module';\nconst require = __policyLintRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
