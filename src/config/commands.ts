/**
 * The configuration commands of the CLI: --print-config FILE and --init.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeConfig, type ConfigResolver } from './resolve.js';
import { CONFIG_FILE_NAMES, configFileIn } from './schema.js';
import { starterConfig } from './init.js';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  /** Ask a question on the terminal (only when both standard input and output are terminals). */
  ask?: (question: string) => Promise<string>;
}

/** --print-config FILE: the configuration that applies to FILE, as JSON with sorted keys. */
export function printConfig(resolver: ConfigResolver, target: string, io: CommandIO): number {
  const abs = path.resolve(io.cwd, target);
  let dir = path.dirname(abs);
  try {
    if (fs.statSync(abs).isDirectory()) dir = abs;
  } catch {
    // a file that does not exist yet: its folder's configuration
  }
  const config = resolver.forDirectory(dir);
  const described = describeConfig(config, io.cwd) as Record<string, unknown>;
  const ignoredBy = resolver.ignoredBy(abs, config);
  io.stdout(`${JSON.stringify({ ...described, ...(ignoredBy ? { ignoredBy } : {}) }, null, 2)}\n`);
  return 0;
}

/**
 * --init: write a commented starter .policylintrc.yaml in the current folder.
 * Refuses (exit 2) when one of the configuration files already exists. Asks
 * one question on a terminal (strict or recommended); otherwise asks nothing.
 */
/** The nearest configuration file in a folder above `dir`, if any. */
function configAbove(dir: string): string | undefined {
  let at = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(at);
    if (parent === at) return undefined;
    at = parent;
    const found = configFileIn(at);
    if (found) return found;
  }
}

export async function initConfig(io: CommandIO): Promise<number> {
  const existing = CONFIG_FILE_NAMES.find((name) => fs.existsSync(path.join(io.cwd, name)));
  if (existing) {
    io.stderr(`policy-lint: ${existing} already exists in this folder; edit it, or delete it and run policy-lint --init again\n`);
    return 2;
  }
  // A configuration in a folder above (a trust's, above a school's folder): the new file inherits from it,
  // rather than cutting this folder off with root: true and a preset.
  const parent = configAbove(io.cwd);
  const parentShown = parent ? path.relative(io.cwd, parent).split(path.sep).join('/') : undefined;
  let preset = 'policy-lint:recommended';
  if (!parent && io.isTTY && io.ask) {
    const answer = await io.ask('Make every warning an error (the policy-lint:strict preset)? [y/N] ');
    if (/^\s*y/i.test(answer)) preset = 'policy-lint:strict';
  }
  const file = path.join(io.cwd, CONFIG_FILE_NAMES[0]!);
  try {
    fs.writeFileSync(file, starterConfig(preset, parentShown), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      `policy-lint: cannot write ${CONFIG_FILE_NAMES[0]} here (${code === 'EEXIST' ? 'it already exists' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))})\n`,
    );
    return 2;
  }
  if (parentShown) {
    io.stdout(`Wrote ${CONFIG_FILE_NAMES[0]}, which inherits from ${parentShown} (found in a folder above). Edit it to change rules, settings or packs for this folder.\n`);
    return 0;
  }
  io.stdout(`Wrote ${CONFIG_FILE_NAMES[0]} (extends ${preset}). Edit it to switch rules off, change their severity or add rule packs.\n`);
  return 0;
}
