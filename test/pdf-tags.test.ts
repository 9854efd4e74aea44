/**
 * Headings from a tagged PDF's structure tree (issue 13, part 2): fixtures/formats/tagged.pdf, printed by Chromium
 * (scripts/make-tagged-pdf.mjs), has H2 headings in the body text's size and weight; its content is marked
 * /NonStruct and the heading roles are only in the structure tree. The built CLI runs as a subprocess; Chromium is
 * not needed (the fixture is committed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, spawnCli } from './helpers.js';

const TAGGED = path.relative(ROOT, path.join(FIXTURES, 'formats', 'tagged.pdf'));
const HEADING = 'How we work with the Virtual School, and when.';

describe('a tagged PDF', () => {
  it('is the fixture described: tagged, with its headings in the structure tree', () => {
    const bytes = fs.readFileSync(path.join(ROOT, TAGGED));
    expect(bytes.includes('/StructTreeRoot')).toBe(true);
    expect(bytes.includes('/H2')).toBe(true);
  });

  it("has its H2 headings in --outline, though they are set in the body text's font size", async () => {
    const r = await spawnCli(['--outline', TAGGED], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${TAGGED}\n  Children Looked After Policy  2-8\n    ${HEADING}  6-8\n  Roles and Responsibilities  10-12  [roles-and-responsibilities]\n`);
    const json = await spawnCli(['--outline', TAGGED, '-f', 'json'], { cwd: ROOT });
    const [outline] = JSON.parse(json.stdout) as { sections: { title: string; level: number; children: { title: string; level: number; line: number }[] }[] }[];
    expect(outline!.sections[0]!.children.map((c) => [c.title, c.level, c.line])).toEqual([[HEADING, 2, 6]]);
  });

  it('gives the text view a heading of the tagged level, and findings under it that section', async () => {
    const text = await spawnCli(['--print-text', TAGGED], { cwd: ROOT });
    expect(text.stdout.split('\n')).toContain(`## ${HEADING}`);
    const r = await spawnCli([TAGGED, '-f', 'json', '--as-of', '2026-11-24'], { cwd: ROOT });
    const kcsie = (JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; page?: number; section?: string }[] }[])[0]!.messages.filter((m) => m.ruleId === 'kcsie-current');
    expect(kcsie.map((m) => [m.line, m.page, m.section])).toEqual([[8, 1, `Children Looked After Policy > ${HEADING}`]]);
  });
});
