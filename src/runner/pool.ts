/**
 * Linting files in parallel: worker threads (src/runner/worker.ts), one per CPU
 * core by default, each linting one file at a time from a shared queue
 * (largest files first, so that one big file does not finish last alone).
 *
 * Starting a worker costs about as much as linting a few hundred kilobytes
 * (each loads the parser and the rules), so `--threads auto` (the default)
 * uses workers only when there is enough to lint: at least
 * AUTO_BYTES_PER_THREAD bytes for each thread, two threads at the least.
 * A run of a few files (the pre-commit case) never starts one.
 */
import os from 'node:os';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import v8 from 'node:v8';
import type { FileJob, JobOptions, JobResult } from './run.js';

/** How much to lint, at least, for each thread --threads auto starts. */
export const AUTO_BYTES_PER_THREAD = 512 * 1024;
/** --threads auto never starts more workers than this (each holds its own parser and rules in memory). */
export const AUTO_MAX_THREADS = 8;

/** What --threads asked for: a number of threads, "auto", or false for --no-threads. */
export type ThreadsOption = number | 'auto' | false;

/**
 * How many threads to lint `jobs` on: 1 means on the main thread, without
 * workers. An explicit number is used as given, but never more than one per
 * file or one per CPU core (more threads than cores lint no faster, and each
 * holds its own parser and rules in memory: 128 of them took 2.2 GB).
 */
export function chooseThreads(option: ThreadsOption | undefined, jobs: readonly { bytes: Uint8Array }[], cores = availableCores()): number {
  if (option === false || jobs.length < 2) return 1;
  if (typeof option === 'number') return Math.max(1, Math.min(option, jobs.length, cores));
  let bytes = 0;
  for (const j of jobs) bytes += j.bytes.length;
  const n = Math.min(cores, AUTO_MAX_THREADS, jobs.length, Math.floor(bytes / AUTO_BYTES_PER_THREAD));
  return n >= 2 ? n : 1;
}

/** The line to show when --threads asks for more threads than there are cores (undefined when it does not). */
export function threadsCapNotice(option: ThreadsOption | undefined, cores = availableCores()): string | undefined {
  if (typeof option !== 'number' || option <= cores) return undefined;
  return `policy-lint: warning: --threads ${option}: this machine has ${cores} CPU core${cores === 1 ? '' : 's'}, so at most ${cores} thread${cores === 1 ? ' is' : 's are'} used\n`;
}

export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Everything a worker needs to resolve configurations as the main thread does. */
export interface WorkerInit {
  cwd: string;
  configFile?: string;
  /** --as-of, as a time value. */
  asOf?: number;
  /** --model, as an absolute path (each worker reads the model once). */
  model?: string;
  profile?: string;
  /** The main thread's "today" (so that a run crossing midnight judges every file on one day). */
  today: number;
  reportUnusedDirectives: boolean;
  noInlineConfig?: boolean;
  /** --rule values. */
  rules?: string[];
  job: JobOptions;
}

export interface WorkerTask {
  id: number;
  job: FileJob;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  ruleId?: string;
}

export type WorkerReply = { id: number; result: JobResult } | { id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name, message: error.message };
    if (error.stack) out.stack = error.stack;
    const ruleId = (error as { ruleId?: unknown }).ruleId;
    if (typeof ruleId === 'string') out.ruleId = ruleId;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

/** Every worker thread running, in any run of this process (stopWorkers ends them all). */
const running = new Set<Worker>();
let stopping = false;

/**
 * Stop every worker thread at once (a signal ended the run): resolved when all have stopped, so that the
 * caller can then remove what a worker stopped mid-write left behind. Nothing more is reported for them.
 */
export async function stopWorkers(): Promise<void> {
  stopping = true;
  await Promise.all([...running].map((w) => w.terminate()));
}

/** The compiled worker script, or undefined when there is none (running from TypeScript sources without a build). */
export function workerScript(): URL | undefined {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/src/runner/worker.js', here) : new URL('./worker.js', here);
  return fs.existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Lint `jobs` on `threads` workers. `onResult(index, result)` is called as
 * each file is done (in any order); the promise rejects with the first error
 * a worker reports (the other workers are stopped). A result's `linted.source`
 * is left out when fixes did not change the text: decode `jobs[index].bytes`.
 *
 * A worker that dies (out of memory: each has a heap as large as the main
 * thread's, so that running out aborts that worker, not the process) takes
 * only the file it was linting with it: that file is reported on one line as
 * an input problem, the file queued behind it goes to a new worker, and the
 * run goes on.
 */
export function lintInWorkers(
  jobs: readonly FileJob[],
  threads: number,
  init: WorkerInit,
  script: URL,
  onResult: (index: number, result: JobResult) => void,
  rebuildError: (error: SerializedError) => Error,
): Promise<void> {
  // Largest first: the queue then ends with small files that fill the gaps.
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.bytes.length - jobs[a]!.bytes.length || a - b);
  if (jobs.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const workers = new Set<Worker>();
    let next = 0;
    /** Files handed back by a worker that died before it reached them. */
    const retry: number[] = [];
    let done = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(error);
    };
    /** The tasks sent to each worker and not yet answered, in the order it works on them. */
    const inFlight = new Map<Worker, number[]>();
    const pending = (): number => retry.length + order.length - next;
    const feed = (w: Worker): void => {
      // Two tasks per worker: the next file is already there when one is done.
      const tasks = inFlight.get(w)!;
      while (tasks.length < 2 && pending() > 0) {
        const id = retry.length > 0 ? retry.shift()! : order[next++]!;
        const job = jobs[id]!;
        tasks.push(id);
        const task: WorkerTask = { id, job };
        // Copied, not transferred: the main thread decodes them again if the report needs the text.
        w.postMessage(task);
      }
    };
    const finishOne = (): boolean => {
      if (++done === jobs.length) {
        stopAll();
        resolve();
        return true;
      }
      return false;
    };
    const count = Math.max(1, Math.min(threads, jobs.length));
    // A larger young generation for the workers (read when each worker's heap is made): parsing
    // many documents makes much short-lived garbage, and with V8's default 16 MB the survivors of
    // each document are copied again and again. Measured: about 15% less CPU for 100 policies,
    // for about 70 MB more memory per worker.
    v8.setFlagsFromString('--min-semi-space-size=32');
    v8.setFlagsFromString('--max-semi-space-size=64');
    const heapMb = Math.max(64, Math.floor(v8.getHeapStatistics().heap_size_limit / (1024 * 1024)));
    const start = (): void => {
      const w = new Worker(script, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      workers.add(w);
      running.add(w);
      inFlight.set(w, []);
      let died: string | undefined;
      w.on('message', (reply: WorkerReply) => {
        if (failed) return;
        const tasks = inFlight.get(w)!;
        const at = tasks.indexOf(reply.id);
        if (at >= 0) tasks.splice(at, 1);
        if ('error' in reply) {
          fail(rebuildError(reply.error));
          return;
        }
        try {
          onResult(reply.id, reply.result);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (finishOne()) return;
        feed(w);
      });
      w.on('error', (error) => {
        if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') died = 'it ran out of memory';
        else fail(error);
      });
      w.on('exit', (code) => {
        workers.delete(w);
        running.delete(w);
        if (failed || stopping || done >= jobs.length) return;
        const tasks = inFlight.get(w) ?? [];
        inFlight.delete(w);
        const [culprit, ...rest] = tasks;
        if (culprit === undefined) {
          fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
          return;
        }
        // The file it was working on is reported; the one queued behind it is linted again elsewhere.
        retry.unshift(...rest);
        const why = died ?? `it stopped unexpectedly (exit code ${code})`;
        try {
          onResult(culprit, {
            notes: [
              `policy-lint: ${jobs[culprit]!.display}: the worker thread linting this file stopped: ${why}; skipped (lint it alone, or with more memory: NODE_OPTIONS=--max-old-space-size=...)\n`,
            ],
            problems: 1,
            fixedProblems: 0,
            fixedFiles: 0,
          });
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (finishOne()) return;
        if (pending() > 0) start();
      });
      feed(w);
    };
    for (let i = 0; i < count; i++) start();
  });
}
