/**
 * empty-link: valid and invalid cases beyond the documented examples, and
 * every link that goes nowhere in the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['empty-link'];

describe('empty-link', () => {
  it.each([
    ['See [the guidance](https://www.gov.uk/government/publications/behaviour-in-schools--2).'],
    ['Email [virtualschool@hertfordshire.gov.uk](mailto:virtualschool@hertfordshire.gov.uk).'],
    ['See [Attendance](#attendance) below.'],
    ['A bare address https://www.gov.uk is not a link with an empty target.'],
    ['Text with a hash # and brackets [like this] but no link.'],
    ['An image ![logo](#) is not a link.'],
    ['Read the [guidance][gov].\n\n[gov]: https://www.gov.uk/'],
    ['<!-- [here](#) in a comment -->'],
  ])('passes: %s', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports the link words, not the brackets, with the exact range and message', () => {
    const [d] = lint('See guidance [here](#) for the strategy.', { rules });
    expect(d).toMatchObject({ ruleId: 'empty-link', severity: 'warning', line: 1, column: 15, endLine: 1, endColumn: 19 });
    expect(d!.message).toBe('Link "here" goes nowhere: add the web address or remove the link.');
    expect(d!.fix).toBeUndefined();
  });

  it('reports an empty target, a spaced "#", a bare scheme and a bare mailto', () => {
    const text = '[a]() and [b]( # ) and [c](https://) and [d](mailto:) and [e](<>)';
    expect(positions(lint(text, { rules }))).toEqual(['1:2', '1:12', '1:25', '1:43', '1:60']);
  });

  it('reads the words of a formatted link and escaped brackets as the reader sees them', () => {
    const [d] = lint('As shown in the [Children in Need review \\(2019\\)](#) and **[Toolkit](#)**.', { rules }).slice(0, 1);
    expect(d!.message).toBe('Link "Children in Need review (2019)" goes nowhere: add the web address or remove the link.');
    const found = lint('[**bold words**](#)', { rules });
    expect(found.map((x) => [x.column, x.endColumn, x.message.slice(0, 18)])).toEqual([[2, 16, 'Link "bold words" ']]);
  });

  it('shortens very long link words in the message', () => {
    const words = 'Keeping Children Safe in Education statutory guidance for schools and colleges September 2025';
    const [d] = lint(`[${words}](#)`, { rules });
    expect(d!.message).toBe('Link "Keeping Children Safe in Education statutory guidance for..." goes nowhere: add the web address or remove the link.');
    expect(d!.endColumn).toBe(words.length + 2);
  });

  it('reports a link with no words at the link itself', () => {
    const [d] = lint('Before [](#) after.', { rules });
    expect(d).toMatchObject({ line: 1, column: 8, endColumn: 13 });
    expect(d!.message).toBe('This link has no words and no address: remove it, or add the words and the web address.');
  });

  it('reports links in list items and table cells', () => {
    const text = '- [The National Tutoring Programme](#)\n\n| Guide | Link |\n| --- | --- |\n| KCSIE | [here](#) |\n';
    expect(positions(lint(text, { rules }))).toEqual(['1:4', '5:12']);
  });

  it('judges reference links by their definition', () => {
    expect(positions(lint('[one][a] and [two][b]\n\n[a]: #\n[b]: https://www.gov.uk/\n', { rules }))).toEqual(['1:2']);
  });

  it('takes its list of empty targets from the options', () => {
    const text = '[a](#) and [b](#top)';
    expect(positions(lint(text, { rules, options: { targets: ['#top'] } }))).toEqual(['1:13']);
    expect(positions(lint('[a]()', { rules, options: { targets: [] } }))).toEqual(['1:2']);
  });

  it('reports exact columns in a CRLF file with a BOM', () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/empty-link-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from('\uFEFFIntro\r\n\r\nSee guidance [here](#).\r\n', 'utf8'));
    try {
      expect(positions(lintDoc(docOfFile(file), { rules }))).toEqual(['3:15']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  // Every "[words](#)" in the seeds (checked against the raw text: the column is the first character after "[").
  // Real addresses (gov.uk pupil premium, the exclusion guidance PDF, virtualschool@, publishing.service.gov.uk,
  // the school websites and mailboxes) draw nothing.
  const seeds: [string, string[]][] = [
    ['000', ['52:313', '56:66', '60:413', '72:336', '76:58', '88:641', '100:118', '101:235', '105:169', '107:186', '119:66', '144:126', '150:165', '182:128', '212:217', '216:76', '216:128', '249:19', '282:52', '283:22', '298:5', '299:5', '300:5', '312:119', '318:95']],
    ['001', ['42:305', '46:66', '48:413', '62:337', '66:58', '76:564', '88:118', '89:235', '92:169', '94:186', '106:66', '129:126', '136:165', '165:128', '187:216', '191:62', '191:114', '211:363', '239:19', '278:50', '280:20', '299:2', '301:2', '303:2', '319:117', '331:106']],
    ['002', ['81:320', '87:66', '89:413', '101:337', '105:58', '117:564', '129:118', '130:235', '136:169', '138:186', '139:161', '153:66', '179:128', '186:165', '219:128', '249:221', '253:76', '253:128', '268:366', '295:19', '332:52', '333:22', '348:6', '349:6', '350:6', '365:119', '377:97']],
    ['003', ['63:301', '67:66', '69:413', '79:335', '83:58', '93:640', '106:118', '107:235', '110:198', '113:146', '146:80', '156:4', '160:165', '199:247', '203:116', '213:366', '243:19', '275:52', '276:22', '291:5', '292:5', '293:5', '305:119', '317:95']],
    ['004', ['35:309', '39:66', '51:335', '55:58', '63:640', '73:118', '74:235', '78:198', '81:146', '83:50', '114:80', '126:165', '145:4', '166:269', '170:116', '180:366']],
  ];
  it.each(seeds)('seed %s: every link that goes nowhere, nothing else', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    expect(positions(lintDoc(doc, { rules }))).toEqual(expected);
    expect(expected.length).toBe(doc.text.split('](#)').length - 1);
  });

  it('seed 000: names the words of each link', () => {
    const found = lintDoc(docOfFile(seedPath('000')), { rules });
    expect(found[0]!.message).toBe('Link "DfE guidance" goes nowhere: add the web address or remove the link.');
    expect(found[1]!.message).toContain('"revised guidance issued in June 2022"');
  });
});
