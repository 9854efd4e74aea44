/**
 * Reading YAML and JSON files (configuration files and rule packs) into a
 * small tree that remembers where each value stands, so that every error can
 * name the file, line and column.
 *
 * Hostile input is refused with one line: a file over 1 MB, more than one
 * YAML document, an alias ("billion laughs") bomb (`maxAliasCount`), or a tree
 * of more than 100,000 values.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { ConfigError, type Position } from './errors.js';

export interface PBase {
  file: string;
  pos: Position;
}
export interface PMap extends PBase {
  kind: 'map';
  entries: PEntry[];
}
export interface PEntry {
  key: string;
  keyPos: Position;
  value: PNode;
}
export interface PSeq extends PBase {
  kind: 'seq';
  items: PNode[];
}
export type ScalarValue = string | number | boolean | null;
export interface PScalar extends PBase {
  kind: 'scalar';
  value: ScalarValue;
}
export type PNode = PMap | PSeq | PScalar;

// The YAML library is loaded on first use: a run with no configuration file
// (and only the built-in pack, read from its snapshot) never needs it.
let yamlLib: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
const isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof Yaml.isAlias;
const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;

export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;
const MAX_NODES = 100_000;

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}

/** The position JSON.parse names in its error ("... in JSON at position 12"), or the end of the text. */
function jsonErrorPosition(text: string, message: string): Position {
  const at = /at position (\d+)/.exec(message);
  if (at) return positionAt(text, Number(at[1]));
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  return positionAt(text, text.length);
}

function firstAlias(node: unknown): YamlNode | undefined {
  if (isAlias(node)) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = firstAlias(pair.key) ?? firstAlias(pair.value);
      if (found) return found;
    }
  }
  if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstAlias(item);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parse `text` (the contents of `file`) as YAML or JSON into a positioned tree. */
export function readStructured(file: string, text: string, format: 'yaml' | 'json'): PNode {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    throw new ConfigError(file, { line: 1, column: 1 }, `the file is larger than 1 MB; a ${format === 'json' ? 'JSON' : 'YAML'} settings file should be a few hundred lines at most`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ConfigError(file, jsonErrorPosition(text, message), `invalid JSON: ${message.replace(/ in JSON at position \d.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`);
    }
  }
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', merge: false });
  const pos = (offset: number | undefined): Position => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  const tooDeep = (): never => {
    throw new ConfigError(file, { line: 1, column: 1 }, 'refused: the file is nested far too deeply to be a configuration');
  };
  const error = doc.errors[0];
  if (error?.code === 'MULTIPLE_DOCS') {
    throw new ConfigError(
      file,
      pos(error.pos[0]),
      `more than one YAML document (a second "---" or "..."): a ${format === 'json' ? 'JSON' : 'YAML'} settings file holds one; remove the separator or split the file`,
    );
  }
  if (error) {
    if (/call stack/i.test(error.message)) tooDeep();
    const what = error.message.replace(/\s+/g, ' ').replace(/ at line \d+, column \d.*$/, '');
    throw new ConfigError(file, pos(error.pos[0]), `invalid ${format === 'json' ? 'JSON' : 'YAML'}: ${what}`);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (cause instanceof RangeError || /call stack/i.test(message)) tooDeep();
    let alias: YamlNode | undefined;
    try {
      alias = firstAlias(doc.contents);
    } catch {
      alias = undefined;
    }
    if (/alias/i.test(message)) {
      throw new ConfigError(
        file,
        pos(alias?.range?.[0]),
        `refused: the YAML aliases (*name) would expand to an enormous amount of data (more than ${MAX_ALIAS_COUNT} alias expansions); write the values out instead`,
      );
    }
    throw new ConfigError(file, { line: 1, column: 1 }, `invalid YAML: ${message}`);
  }
  return convert(file, doc, pos);
}

function convert(file: string, doc: Document, pos: (offset: number | undefined) => Position): PNode {
  let count = 0;
  const walk = (node: unknown, fallback: Position, depth: number): PNode => {
    if (++count > MAX_NODES || depth > 100) {
      throw new ConfigError(file, fallback, `refused: the file holds more than ${MAX_NODES} values or is nested more than 100 levels deep`);
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return walk(target, pos(node.range?.[0]), depth + 1);
    }
    if (isMap(node)) {
      const entries: PEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyPos = keyNode && 'range' in keyNode && keyNode.range ? pos(keyNode.range[0]) : pos(node.range?.[0]);
        if (keyNode !== null && !isScalar(keyNode)) throw new ConfigError(file, keyPos, 'a key must be a plain name, not a list or a mapping');
        const key = keyNode === null ? '' : String(keyNode.value);
        const value = pair.value === null || pair.value === undefined ? ({ kind: 'scalar', value: null, file, pos: keyPos } as PScalar) : walk(pair.value, keyPos, depth + 1);
        entries.push({ key, keyPos, value });
      }
      return { kind: 'map', entries, file, pos: pos(node.range?.[0]) };
    }
    if (isSeq(node)) {
      const here = pos(node.range?.[0]);
      const items = node.items.map((item) => (item === null ? ({ kind: 'scalar', value: null, file, pos: here } as PScalar) : walk(item, here, depth + 1)));
      return { kind: 'seq', items, file, pos: here };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value: ScalarValue = typeof v === 'bigint' ? Number(v) : v === undefined ? null : (v as ScalarValue);
      return { kind: 'scalar', value, file, pos: pos(node.range?.[0]) };
    }
    return { kind: 'scalar', value: null, file, pos: fallback };
  };
  if (doc.contents === null) return { kind: 'map', entries: [], file, pos: { line: 1, column: 1 } };
  return walk(doc.contents, { line: 1, column: 1 }, 0);
}

/** Plain JavaScript value of a positioned tree. */
export function toValue(node: PNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toValue);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: toValue(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** How a node reads in a message: "a list", "the number 3", "the text \"x\"". */
export function describeNode(node: PNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return 'nothing';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  return `${v}`;
}
