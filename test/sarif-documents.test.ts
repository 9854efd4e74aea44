/**
 * SARIF for Word and PDF files (issue 13, part 4): each result carries where a reader of the document looks (the
 * paragraph of a .docx, the page of a PDF) in its properties, its region's message and its message, and its
 * section as a logical location; the log is valid SARIF 2.1.0. The built CLI runs as a subprocess.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, spawnCli } from './helpers.js';
import { validateSarif } from './format-helpers.js';

interface JsonMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  section?: string;
  paragraph?: number;
  page?: number;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; message?: { text: string } } };
    logicalLocations?: { name: string; fullyQualifiedName: string }[];
  }[];
  properties?: Record<string, unknown>;
}

async function both(file: string): Promise<{ json: JsonMessage[]; sarif: SarifResult[]; log: unknown }> {
  const args = [path.relative(ROOT, file), '--as-of', '2026-11-24', '--no-threads'];
  const [json, sarif] = await Promise.all([spawnCli([...args, '-f', 'json'], { cwd: ROOT }), spawnCli([...args, '-f', 'sarif'], { cwd: ROOT })]);
  expect(json.stderr).toBe('');
  expect(sarif.stderr).toBe('');
  const log = JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] };
  return { json: (JSON.parse(json.stdout) as { messages: JsonMessage[] }[])[0]!.messages, sarif: log.runs[0]!.results, log };
}

describe.each([
  ['docx', 'paragraph'],
  ['pdf', 'page'],
] as const)('SARIF for a .%s file', (ext, key) => {
  it(`gives each result its ${key} (properties, region message, message) and its section (logical location), as JSON does`, async () => {
    const { json, sarif, log } = await both(path.join(FIXTURES, 'formats', `seed-001.${ext}`));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif).toHaveLength(json.length);
    expect(json.length).toBeGreaterThan(3);
    expect(json.filter((m) => m[key] !== undefined).length).toBeGreaterThan(0);
    sarif.forEach((r, i) => {
      const m = json[i]!;
      const place = m[key] !== undefined ? `${key} ${m[key]}` : undefined;
      expect(r.ruleId).toBe(m.ruleId);
      const loc = r.locations[0]!;
      expect([loc.physicalLocation.region.startLine, loc.physicalLocation.region.startColumn]).toEqual([m.line, m.column]);
      if (place === undefined) {
        expect(r.message.text).toBe(m.message);
        expect(r.properties).toBeUndefined();
        return;
      }
      expect(r.message.text).toBe(`${m.message} (${place})`);
      expect(r.properties).toEqual({ [key]: m[key], ...(m.section ? { section: m.section } : {}) });
      expect(loc.physicalLocation.region.message).toEqual({ text: m.section ? `${place} in ${m.section}` : place });
      if (m.section) expect(loc.logicalLocations).toEqual([{ name: m.section.split(' > ').at(-1), fullyQualifiedName: m.section }]);
    });
  });
});

describe('SARIF for a text file', () => {
  it('keeps line and column only: no paragraph, page or region message', async () => {
    const { json, sarif, log } = await both(path.join(FIXTURES, '001_240c3c96cc5773fb.txt'));
    expect(validateSarif(log)).toBe(true);
    expect(sarif.map((r) => r.message.text)).toEqual(json.map((m) => m.message));
    expect(sarif.every((r) => r.properties === undefined && r.locations[0]!.physicalLocation.region.message === undefined)).toBe(true);
    expect(sarif.some((r) => r.locations[0]!.logicalLocations !== undefined)).toBe(true);
  });
});
