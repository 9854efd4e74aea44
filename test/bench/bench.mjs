// npm run bench: how fast policy-lint is, next to two references measured in
// the same run on the same files.
//
// Corpora, built in a temporary folder from the five seed policies
// (fixtures/00*.txt, saved as .md so that every tool reads every file):
//   one   1 file   (the first seed: the pre-commit case)
//   many  1,000 files (200 copies of each seed, about 32 MB)
//   big   1 file of about 7 MB (the seeds concatenated 45 times)
//
// For each corpus:
//   node start-up      node -e 0 (one file only)
//   read               node reading every file, nothing else (test/bench/read-files.mjs)
//   parse floor        remark-parse + remark-gfm over every file, one thread (test/bench/parse-floor.mjs)
//   markdownlint-cli2  its default rules, no configuration
//   policy-lint:
//     single-thread    --no-threads
//     parallel         the default (--threads auto: worker threads when there is enough to lint)
//     cold cache       --cache with an empty cache (lints and writes the cache)
//     cached           --cache again, nothing changed (files are not read: their stamps on disk match)
//     cached, hashed   the same, but every file's change time moved on first (as in a fresh checkout):
//                      every file is read and hashed, none is linted
//
// Each command is a child process; its wall time is measured around it and
// its peak memory with /usr/bin/time -v when there is one, else from
// process.resourceUsage() inside the child (a preloaded module). Each
// measurement is the median of --runs runs (default 3; at least 9 for the one-file
// corpus, whose runs take a fraction of a second and vary the most; the 7 MB file once).
//
// The formats corpus (--only formats; in the default run too): seed 001 as
// Markdown, as a Word document and as a PDF (fixtures/formats/, made by
// scripts/make-fixtures.mjs), one file each on one thread, and a folder of 200
// .docx files (40 copies of each seed's) against the same 200 as Markdown, on
// the worker threads (the default).
//
//   node test/bench/bench.mjs [--runs N] [--only one,many,big,formats] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const ONLY = option('--only', 'one,many,big,formats').split(',');
const KEEP = args.includes('--keep');
const AS_OF = '2026-11-24';

const cli = path.join(root, 'bin', 'policy-lint.js');
const mdl = path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const floor = path.join(root, 'test', 'bench', 'parse-floor.mjs');
const reader = path.join(root, 'test', 'bench', 'read-files.mjs');
for (const [what, file] of [
  ['the compiled CLI (run "npm run build")', path.join(root, 'dist', 'bundle', 'cli.js')],
  ['markdownlint-cli2 (run "npm install")', mdl],
]) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${what} is missing: ${file}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------
// Corpora

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-bench-'));
const seeds = fs
  .readdirSync(path.join(root, 'fixtures'))
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort()
  .map((f) => ({ name: f.replace(/\.txt$/, ''), text: fs.readFileSync(path.join(root, 'fixtures', f)) }));

function corpus(name, files) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  let bytes = 0;
  for (const [file, data] of files) {
    fs.writeFileSync(path.join(dir, file), data);
    bytes += data.length;
  }
  return { name, dir, files: files.length, bytes };
}

const corpora = [];
if (ONLY.includes('one')) corpora.push(corpus('one', [[`${seeds[0].name}.md`, seeds[0].text]]));
if (ONLY.includes('many')) {
  const files = [];
  for (let i = 0; i < 200; i++) for (const s of seeds) files.push([`p${String(i).padStart(3, '0')}_${s.name}.md`, s.text]);
  corpora.push(corpus('many', files));
}
if (ONLY.includes('big')) {
  const parts = [];
  for (let i = 0; i < 45; i++) for (const s of seeds) parts.push(s.text, Buffer.from('\n\n'));
  corpora.push(corpus('big', [['seeds-x45.md', Buffer.concat(parts)]]));
}

// ---------------------------------------------------------------------------
// Measuring a child process

const haveTime = fs.existsSync('/usr/bin/time');
const rssProbe = path.join(tmp, 'rss-probe.cjs');
fs.writeFileSync(
  rssProbe,
  "process.on('exit', () => { try { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1e6}`); } catch {} });\n",
);

function measureOnce(command, cwd) {
  const rssFile = path.join(tmp, `rss-${process.pid}.txt`);
  fs.rmSync(rssFile, { force: true });
  const [cmd, ...rest] = haveTime ? ['/usr/bin/time', '-v', ...command] : [command[0], '--require', rssProbe, ...command.slice(1)];
  const env = { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' };
  const start = process.hrtime.bigint();
  const run = spawnSync(cmd, rest, { cwd, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.error) throw run.error;
  let rssKb;
  let cpu;
  if (haveTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
    rssKb = m ? Number(m[1]) : undefined;
    const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
    cpu = user && sys ? Number(user[1]) + Number(sys[1]) : undefined;
  } else if (fs.existsSync(rssFile)) {
    const [rss, seconds] = fs.readFileSync(rssFile, 'utf8').split(' ');
    rssKb = Number(rss);
    cpu = Number(seconds);
  }
  // policy-lint and markdownlint-cli2 exit 1 when they find problems; anything else is a failure.
  const code = haveTime ? Number(/Exit status: (\d+)/.exec(run.stderr)?.[1] ?? run.status) : run.status;
  if (code !== 0 && code !== 1) {
    console.error(`bench: ${command.join(' ')} failed (exit ${code}):\n${run.stderr.slice(-2000)}`);
    process.exit(2);
  }
  return { wall, rssKb, cpu, stdout: run.stdout, load: os.loadavg()[0] };
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)];
}

/** Run `command` `runs` times (after `before()` each time); median wall time and the largest peak memory. */
function measure(command, { cwd = tmp, runs = RUNS, before } = {}) {
  const walls = [];
  const cpus = [];
  const loads = [];
  let rss = 0;
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    before?.();
    const r = measureOnce(command, cwd);
    walls.push(r.wall);
    if (r.cpu !== undefined) cpus.push(r.cpu);
    loads.push(r.load);
    rss = Math.max(rss, r.rssKb ?? 0);
    stdout = r.stdout;
  }
  return { wall: median(walls), walls, cpu: cpus.length ? median(cpus) : undefined, load: Math.max(...loads), rssMb: rss / 1024, stdout };
}

// ---------------------------------------------------------------------------
// The runs

const rows = [];
const notes = [];
const load = os.loadavg();
const startedAt = new Date();

for (const c of corpora) {
  const runs = c.name === 'big' ? Math.min(RUNS, 1) : c.name === 'one' ? Math.max(RUNS, 9) : RUNS;
  const node = process.execPath;
  const pl = (...extra) => [node, cli, c.dir, '--as-of', AS_OF, ...extra];
  const cacheDir = path.join(tmp, `cache-${c.name}`);
  const emptyCache = () => fs.rmSync(cacheDir, { recursive: true, force: true });
  const results = {};
  const add = (key, label, m) => {
    results[key] = m;
    rows.push({ corpus: c, key, label, ...m });
  };
  console.error(`bench: ${c.name}: ${c.files} file${c.files === 1 ? '' : 's'}, ${c.bytes} bytes`);
  if (c.name === 'one') add('start', 'node start-up (node -e 0)', measure([node, '-e', '0'], { runs: Math.max(runs, 5) }));
  add('read', 'read every file (node)', measure([node, reader, c.dir], { runs }));
  add('floor', 'parse floor: remark-parse + remark-gfm, one thread', measure([node, floor, c.dir], { runs }));
  add('mdl', 'markdownlint-cli2, default rules', measure([node, mdl, `${c.name}/**/*.md`], { runs }));
  add('single', 'policy-lint --no-threads', measure(pl('--no-threads'), { runs }));
  if (c.files > 1) add('parallel', 'policy-lint (default: --threads auto)', measure(pl(), { runs }));
  add('cold', 'policy-lint --cache, empty cache', measure(pl('--cache', '--cache-location', `${cacheDir}/`), { runs, before: emptyCache }));
  add('cached', 'policy-lint --cache, nothing changed', measure(pl('--cache', '--cache-location', `${cacheDir}/`), { runs: Math.max(runs, 3) }));
  // A fresh checkout: same content, new change times, so every file is read and hashed (and none linted).
  const touchAll = () => {
    for (const f of fs.readdirSync(c.dir)) {
      const file = path.join(c.dir, f);
      const { atime, mtime } = fs.statSync(file);
      fs.utimesSync(file, atime, mtime);
    }
  };
  add('hashed', 'policy-lint --cache, nothing changed, every file hashed', measure(pl('--cache', '--cache-location', `${cacheDir}/`), { runs: Math.max(runs, 3), before: touchAll }));
  // The runs must agree: the same report single-threaded, in parallel and from the cache.
  const reference = results.single.stdout;
  for (const key of ['parallel', 'cold', 'cached', 'hashed']) {
    if (results[key] && results[key].stdout !== reference) notes.push(`${c.name}: the report of "${key}" differs from the single-thread report`);
  }
  c.results = results;
}

// ---------------------------------------------------------------------------
// The table

const fmt = (n, digits = 2) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(digits));
const lines = [];
lines.push('| corpus | command | wall s | CPU s | files/s | MB/s | peak MB | × parse floor | × markdownlint-cli2 | load |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const c = r.corpus;
  const size = c.bytes >= 1e6 ? `${(c.bytes / 1e6).toFixed(1)} MB` : `${(c.bytes / 1e3).toFixed(0)} KB`;
  const corpusLabel = `${c.name} (${c.files} file${c.files === 1 ? '' : 's'}, ${size})`;
  const floorWall = c.results.floor.wall;
  const mdlWall = c.results.mdl.wall;
  lines.push(
    `| ${corpusLabel} | ${r.label} | ${r.wall.toFixed(r.wall < 10 ? 3 : 1)} | ${r.cpu === undefined ? '' : r.cpu.toFixed(r.cpu < 10 ? 2 : 1)} | ` +
      `${fmt(c.files / r.wall)} | ${fmt(c.bytes / 1e6 / r.wall)} | ${r.rssMb.toFixed(0)} | ` +
      `${(r.wall / floorWall).toFixed(2)} | ${(r.wall / mdlWall).toFixed(2)} | ${r.load.toFixed(1)} |`,
  );
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
console.log(
  `\nMachine: ${cores} cores (nproc), ${cpu}, Node ${process.version}, ${os.platform()} ${os.release()}; ` +
    `load average ${load.map((l) => l.toFixed(2)).join(' ')} at the start; ${startedAt.toISOString()}; median of ${RUNS} run(s) (the 7 MB file: 1)`,
);
console.log(
  `Peak memory and CPU time (user + system, all threads): ${haveTime ? '/usr/bin/time -v' : 'process.resourceUsage() of each child'}; ` +
    'load: the 1-minute load average after the command (the machine is shared: a load above the number of cores means other work competed for them)\n',
);
console.log(lines.join('\n'));

// The targets of issue 6.
const t = [];
const get = (corpus, key) => corpora.find((c) => c.name === corpus)?.results[key]?.wall;
const ratio = (a, b) => (a !== undefined && b !== undefined ? a / b : undefined);
const check = (what, value, limit) => {
  if (value === undefined) return;
  t.push(`- ${what}: ${value.toFixed(2)} (target at most ${limit}) ${value <= limit ? 'met' : 'NOT met'}`);
};
check('1,000 files, parallel ÷ parse floor', ratio(get('many', 'parallel'), get('many', 'floor')), 0.75);
check('1,000 files, parallel ÷ markdownlint-cli2', ratio(get('many', 'parallel'), get('many', 'mdl')), 0.6);
check('1,000 files, cached re-run ÷ reading them', ratio(get('many', 'cached'), get('many', 'read')), 3);
const one = corpora.find((c) => c.name === 'one');
if (one) check('1 file ÷ (node start-up + parse of that file)', ratio(one.results.single.wall, one.results.floor.wall), 1.5);
check('7 MB file ÷ its parse floor', ratio(get('big', 'single'), get('big', 'floor')), 1.3);
console.log(`\nTargets:\n${t.join('\n')}`);
if (notes.length) console.log(`\nWarnings:\n${notes.map((n) => `- ${n}`).join('\n')}`);

// ---------------------------------------------------------------------------
// Word and PDF files against the same seed as text

if (ONLY.includes('formats')) {
  const node = process.execPath;
  const formats = path.join(root, 'fixtures', 'formats');
  const dir = path.join(tmp, 'formats');
  fs.mkdirSync(dir);
  const seed = seeds[1];
  fs.writeFileSync(path.join(dir, 'seed.md'), seed.text);
  fs.copyFileSync(path.join(formats, 'seed-001.docx'), path.join(dir, 'seed.docx'));
  fs.copyFileSync(path.join(formats, 'seed-001.pdf'), path.join(dir, 'seed.pdf'));
  const pages = (fs.readFileSync(path.join(dir, 'seed.pdf'), 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  const many = (ext) => {
    const d = path.join(tmp, `many-${ext}`);
    fs.mkdirSync(d);
    seeds.forEach((s, k) => {
      for (let i = 0; i < 40; i++) {
        const name = `p${String(i).padStart(2, '0')}_${k}.${ext}`;
        if (ext === 'md') fs.writeFileSync(path.join(d, name), s.text);
        else fs.copyFileSync(path.join(formats, `seed-00${k}.docx`), path.join(d, name));
      }
    });
    return d;
  };
  const runs = Math.max(RUNS, 9);
  const one = (file) => measure([node, cli, path.join(dir, file), '--as-of', AS_OF, '--no-threads'], { runs });
  const f = { md: one('seed.md'), docx: one('seed.docx'), pdf: one('seed.pdf') };
  const [mdDir, docxDir] = [many('md'), many('docx')];
  const folder = { md: measure([node, cli, mdDir, '--as-of', AS_OF], { runs: RUNS }), docx: measure([node, cli, docxDir, '--as-of', AS_OF], { runs: RUNS }) };
  const row = (label, m, base) =>
    `| ${label} | ${m.wall.toFixed(3)} | ${m.cpu === undefined ? '' : m.cpu.toFixed(2)} | ${m.rssMb.toFixed(0)} | ${(m.wall / base.wall).toFixed(2)} | ${m.load.toFixed(1)} |`;
  console.log('\nWord and PDF (seed 001; one file on one thread, median of ' + runs + ' runs; the folders on the worker threads, median of ' + RUNS + '):\n');
  console.log('| command | wall s | CPU s | peak MB | × the same as Markdown | load |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('seed 001 as Markdown (.md)', f.md, f.md));
  console.log(row('seed 001 as Word (.docx)', f.docx, f.md));
  console.log(row(`seed 001 as PDF (${pages} pages)`, f.pdf, f.md));
  console.log(row('200 Markdown files (a folder)', folder.md, folder.md));
  console.log(row('200 Word files (a folder)', folder.docx, folder.md));
  console.log(`\nTargets:\n- a .docx ÷ its text: ${(f.docx.wall / f.md.wall).toFixed(2)} (target at most 2) ${f.docx.wall / f.md.wall <= 2 ? 'met' : 'NOT met'}`);
  console.log(`- a ${pages}-page PDF ÷ its text: ${(f.pdf.wall / f.md.wall).toFixed(2)} (target at most 3) ${f.pdf.wall / f.md.wall <= 3 ? 'met' : 'NOT met'}`);
}

if (KEEP) console.error(`bench: corpora kept in ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
