/**
 * empty-link: valid and invalid cases beyond the documented examples (with the rule tester), and
 * every link that goes nowhere in the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['empty-link'];

ruleTester('empty-link', {
  valid: [
    'See [the guidance](https://www.gov.uk/government/publications/behaviour-in-schools--2).',
    'Email [virtualschool@hertfordshire.gov.uk](mailto:virtualschool@hertfordshire.gov.uk).',
    'See [Attendance](#attendance) below.',
    'A bare address https://www.gov.uk is not a link with an empty target.',
    'Text with a hash # and brackets [like this] but no link.',
    'An image ![logo](#) is not a link.',
    'Read the [guidance][gov].\n\n[gov]: https://www.gov.uk/',
    '<!-- [here](#) in a comment -->',
  ],
  invalid: [
    {
      name: 'reports the link words, not the brackets, with the exact range and message, and no fix',
      text: 'See guidance [here](#) for the strategy.',
      errors: [
        {
          messageId: 'goesNowhere',
          data: { words: 'here' },
          message: 'Link "here" goes nowhere: add the web address or remove the link.',
          severity: 'warning',
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 19,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'reports an empty target, a spaced "#", a bare scheme, a bare mailto and empty angle brackets',
      text: '[a]() and [b]( # ) and [c](https://) and [d](mailto:) and [e](<>)',
      errors: [
        { messageId: 'goesNowhere', data: { words: 'a' }, line: 1, column: 2, endLine: 1, endColumn: 3 },
        { messageId: 'goesNowhere', data: { words: 'b' }, line: 1, column: 12, endLine: 1, endColumn: 13 },
        { messageId: 'goesNowhere', data: { words: 'c' }, line: 1, column: 25, endLine: 1, endColumn: 26 },
        { messageId: 'goesNowhere', data: { words: 'd' }, line: 1, column: 43, endLine: 1, endColumn: 44 },
        { messageId: 'goesNowhere', data: { words: 'e' }, line: 1, column: 60, endLine: 1, endColumn: 61 },
      ],
    },
    {
      name: 'reads the words of a formatted link and escaped brackets as the reader sees them',
      text: 'As shown in the [Children in Need review \\(2019\\)](#) and **[Toolkit](#)**.',
      errors: [
        { messageId: 'goesNowhere', data: { words: 'Children in Need review (2019)' }, line: 1, column: 18, endLine: 1, endColumn: 50 },
        { messageId: 'goesNowhere', data: { words: 'Toolkit' }, line: 1, column: 62, endLine: 1, endColumn: 69 },
      ],
    },
    { text: '[**bold words**](#)', errors: [{ messageId: 'goesNowhere', data: { words: 'bold words' }, line: 1, column: 2, endLine: 1, endColumn: 16 }] },
    {
      name: 'shortens very long link words in the message, not the range',
      text: '[Keeping Children Safe in Education statutory guidance for schools and colleges September 2025](#)',
      errors: [{ messageId: 'goesNowhere', data: { words: 'Keeping Children Safe in Education statutory guidance for...' }, line: 1, column: 2, endLine: 1, endColumn: 95 }],
    },
    {
      name: 'reports a link with no words at the link itself',
      text: 'Before [](#) after.',
      errors: [
        {
          messageId: 'empty',
          message: 'This link has no words and no address: remove it, or add the words and the web address.',
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 13,
        },
      ],
    },
    {
      name: 'reports links in list items and table cells',
      text: '- [The National Tutoring Programme](#)\n\n| Guide | Link |\n| --- | --- |\n| KCSIE | [here](#) |\n',
      errors: [
        { messageId: 'goesNowhere', data: { words: 'The National Tutoring Programme' }, line: 1, column: 4, endLine: 1, endColumn: 35 },
        { messageId: 'goesNowhere', data: { words: 'here' }, line: 5, column: 12, endLine: 5, endColumn: 16 },
      ],
    },
    {
      name: 'judges reference links by their definition',
      text: '[one][a] and [two][b]\n\n[a]: #\n[b]: https://www.gov.uk/\n',
      errors: [{ messageId: 'goesNowhere', data: { words: 'one' }, line: 1, column: 2, endLine: 1, endColumn: 5 }],
    },
    {
      name: 'takes its list of empty targets from the options',
      text: '[a](#) and [b](#top)',
      options: { targets: ['#top'] },
      errors: [{ messageId: 'goesNowhere', data: { words: 'b' }, line: 1, column: 13, endLine: 1, endColumn: 14 }],
    },
    {
      name: 'an empty target is reported whatever the options list',
      text: '[a]()',
      options: { targets: [] },
      errors: [{ messageId: 'goesNowhere', data: { words: 'a' }, line: 1, column: 2, endLine: 1, endColumn: 3 }],
    },
  ],
});

describe('empty-link', () => {
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
    [
      '000',
      [
        '52:313',
        '56:66',
        '60:413',
        '72:336',
        '76:58',
        '88:641',
        '100:118',
        '101:235',
        '105:169',
        '107:186',
        '119:66',
        '144:126',
        '150:165',
        '182:128',
        '212:217',
        '216:76',
        '216:128',
        '249:19',
        '282:52',
        '283:22',
        '298:5',
        '299:5',
        '300:5',
        '312:119',
        '318:95',
      ],
    ],
    [
      '001',
      [
        '42:305',
        '46:66',
        '48:413',
        '62:337',
        '66:58',
        '76:564',
        '88:118',
        '89:235',
        '92:169',
        '94:186',
        '106:66',
        '129:126',
        '136:165',
        '165:128',
        '187:216',
        '191:62',
        '191:114',
        '211:363',
        '239:19',
        '278:50',
        '280:20',
        '299:2',
        '301:2',
        '303:2',
        '319:117',
        '331:106',
      ],
    ],
    [
      '002',
      [
        '81:320',
        '87:66',
        '89:413',
        '101:337',
        '105:58',
        '117:564',
        '129:118',
        '130:235',
        '136:169',
        '138:186',
        '139:161',
        '153:66',
        '179:128',
        '186:165',
        '219:128',
        '249:221',
        '253:76',
        '253:128',
        '268:366',
        '295:19',
        '332:52',
        '333:22',
        '348:6',
        '349:6',
        '350:6',
        '365:119',
        '377:97',
      ],
    ],
    [
      '003',
      [
        '63:301',
        '67:66',
        '69:413',
        '79:335',
        '83:58',
        '93:640',
        '106:118',
        '107:235',
        '110:198',
        '113:146',
        '146:80',
        '156:4',
        '160:165',
        '199:247',
        '203:116',
        '213:366',
        '243:19',
        '275:52',
        '276:22',
        '291:5',
        '292:5',
        '293:5',
        '305:119',
        '317:95',
      ],
    ],
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
