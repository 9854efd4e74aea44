/**
 * A worker thread of a parallel run (src/runner/pool.ts): it resolves the
 * configuration for each file itself (rules are code and cannot be sent
 * between threads), lints the file exactly as the main thread would
 * (src/runner/run.ts) and sends back the result, or the error that stopped it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigResolver, enabledRules, type ResolvedConfig } from '../config/index.js';
import { lintJob, type JobOptions } from './run.js';
import { attachModel } from '../document/model.js';
import type { EnabledRule } from '../engine/engine.js';
import { serializeError, type WorkerInit, type WorkerReply, type WorkerTask } from './pool.js';

const init = workerData as WorkerInit;
const asOf = init.asOf !== undefined ? new Date(init.asOf) : undefined;
const today = new Date(init.today);
const resolver = new ConfigResolver({
  cwd: init.cwd,
  ...(init.configFile !== undefined ? { configFile: init.configFile } : {}),
  ...(asOf ? { asOf } : {}),
  ...(init.profile !== undefined ? { profile: init.profile } : {}),
  reportUnusedDirectives: init.reportUnusedDirectives,
  ...(init.noInlineConfig ? { noInlineConfig: true } : {}),
  ...(init.rules ? { rules: init.rules } : {}),
  ...(init.model !== undefined ? { model: init.model } : {}),
  today: () => today,
});
const options: JobOptions = init.job;
const enabledFor = new WeakMap<ResolvedConfig, EnabledRule[]>();

parentPort!.on('message', async (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    const result = await lintJob(
      task.job,
      () => {
        const config = resolver.forFile(task.job.file);
        let rules = enabledFor.get(config);
        if (!rules) enabledFor.set(config, (rules = enabledRules(config)));
        // The model policy, read once by this worker (the main thread has read it already, so it is readable).
        attachModel(config.settings);
        return { rules, settings: config.settings, ...(config.profiles ? { profiles: config.profiles } : {}) };
      },
      options,
    );
    // The main thread keeps the file's bytes and decodes them again if the report needs the text:
    // the text is sent back only when fixes changed it.
    // (A fixed Word document's text view is sent as text: the model its --fix used is not enumerable, so it stays here.)
    if (result.linted && result.linted.output === undefined) delete (result.linted as Partial<typeof result.linted>).source;
    reply = { id: task.id, result };
  } catch (error) {
    reply = { id: task.id, error: serializeError(error) };
  }
  parentPort!.postMessage(reply);
});
