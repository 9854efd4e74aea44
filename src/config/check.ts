/**
 * Small helpers for validating positioned YAML/JSON trees with one-line,
 * file:line:column errors that say what was expected.
 */
import { ConfigError, didYouMean } from './errors.js';
import { describeNode, type PEntry, type PMap, type PNode, type PScalar } from './structured.js';

export function fail(node: { file: string; pos: { line: number; column: number } }, detail: string): never {
  throw new ConfigError(node.file, node.pos, detail);
}

export function failAt(file: string, pos: { line: number; column: number }, detail: string): never {
  throw new ConfigError(file, pos, detail);
}

export function expectMap(node: PNode, what: string): PMap {
  if (node.kind !== 'map') fail(node, `${what}: expected a mapping (key: value lines), got ${describeNode(node)}`);
  return node;
}

export function expectString(node: PNode, what: string, example?: string): string {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value.trim() === '') {
    fail(node, `${what}: expected ${example ? `a text such as ${example}` : 'a text'}, got ${describeNode(node)}`);
  }
  return node.value;
}

export function expectBoolean(node: PNode, what: string): boolean {
  if (node.kind !== 'scalar' || typeof node.value !== 'boolean') fail(node, `${what}: expected true or false, got ${describeNode(node)}`);
  return node.value;
}

/** A single text or a list of texts (`extends: a` or `extends: [a, b]`). */
export function expectStrings(node: PNode, what: string, allowSingle = true): { value: string; node: PScalar }[] {
  const items = node.kind === 'seq' ? node.items : allowSingle ? [node] : fail(node, `${what}: expected a list of texts, got ${describeNode(node)}`);
  return items.map((item, i) => {
    const label = node.kind === 'seq' ? `${what}[${i}]` : what;
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      fail(item, `${label}: expected a text${allowSingle ? ' or a list of texts' : ''}, got ${describeNode(item)}`);
    }
    return { value: item.value, node: item };
  });
}

/** Refuse keys not in `allowed`, suggesting the nearest allowed key. */
export function checkKeys(map: PMap, allowed: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const e of map.entries) {
    if (!allowed.includes(e.key)) {
      failAt(map.file, e.keyPos, `${what}: unknown key "${e.key}"${didYouMean(e.key, allowed)} (allowed: ${allowed.join(', ')})`);
    }
    seen.add(e.key);
  }
}

export function entry(map: PMap, key: string): PEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

export function requireEntry(map: PMap, key: string, what: string): PEntry {
  const e = entry(map, key);
  if (!e) fail(map, `${what}: missing required key "${key}"`);
  return e;
}
