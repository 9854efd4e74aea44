/**
 * The section tree on the five seeds and on hand-made documents: headings in
 * all three styles are found, nested as the model policy nests them, and no
 * non-heading line becomes a section.
 */
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, seedPath } from './helpers.js';
import type { PolicyDocument, Section } from '../src/types.js';

/** "title@line" for every section, indented two spaces per level below 1. */
function tree(doc: PolicyDocument): string[] {
  const out: string[] = [];
  const walk = (s: Section): void => {
    out.push(`${'  '.repeat(s.level - 1)}${s.title}@${s.start.line}`);
    s.children.forEach(walk);
  };
  doc.root.children.forEach(walk);
  return out;
}

const titles = (doc: PolicyDocument): string[] => doc.sections.map((s) => s.title);

describe('section tree on the seeds', () => {
  it('000: plain-text headings, contents list, names after labels, appendices', () => {
    const doc = docOfFile(seedPath('000'));
    expect(tree(doc)).toEqual([
      'Education of all Children with a Social Worker@5',
      'Policy Objective@31',
      'Intention@54',
      'Equality and Diversity@86',
      'Impact@92',
      'Statutory Educational Planning for all Children Looked After@109',
      '  Statutory Personal Education Plans (ePEP)@111',
      'Roles and Responsibilities: Education planning for all children with a Social Worker@115',
      '  The Headteacher and Governing Body@121',
      'Attendance@157',
      'Admissions/ Transitions@163',
      'Additional Educational Needs@176',
      '  Non-eligible pupils@186',
      '  Examples@190',
      'Special Educational Needs & Disabilities@200',
      'Safeguarding@210',
      'Suspensions and Exclusion@214',
      '  The Hertfordshire Virtual School for Children Looked After@234',
      'Appendix 1 – the Revised New Duty June 2022@243',
      '  The New Duty Update 2024@245',
      '  Who are CWSW?@255',
      '  The new strategic role of the VSH@259',
      '  Identify needs and address barriers@265',
      '  Attendance@272',
      '  Elective home education@278',
      '  Mental health and well-being@285',
      '  Recovery programmes@295',
      '  SEND@302',
      '  Advice and guidance@307',
      'Appendix 2@316',
      '  Alternative Provision: To be read in conjunction with the 2022 Behaviour in Schools guidance here@318',
      '  Multi-Agency Working@329',
      'Appendix 3. Risk Assessment to Support Behaviour Policy@334',
      '  The importance of effective pupil assessment@336',
      '  Children and young people who are excluded on multiple occasions@340',
      '  Hertfordshire Therapeutic Thinking@354',
      '  What is Hertfordshire Therapeutic Thinking?@358',
    ]);
    expect(doc.contents?.start.line).toBe(19);
    expect(doc.contents?.entries.map((e) => `${e.title}@${e.start.line}`)).toEqual(['Policy Objective@21', 'Intention@23', 'Implementation@25', 'Impact@27', 'Role and Responsibilities@29']);
  });

  it('001: a contents list as a Markdown list; "Appendix 2 Alternative Provision: ..." on one line', () => {
    const doc = docOfFile(seedPath('001'));
    expect(doc.contents?.entries).toHaveLength(15);
    const appendix2 = doc.sections.find((s) => s.title.startsWith('Appendix 2'))!;
    expect(appendix2.level).toBe(1);
    expect(appendix2.canonical).toBe('alternative-provision');
    expect(appendix2.children.map((c) => c.title)).toEqual(['Multi-Agency Working']);
    // Same-line names are not sections; neither is a lead-in sentence ending in a colon.
    expect(titles(doc).some((t) => t.startsWith('Name of'))).toBe(false);
    expect(titles(doc)).not.toContain('The VSH should ensure that mental health training includes');
    // A one-line imperative bullet without body is not a heading.
    expect(titles(doc)).not.toContain('Promote professional practice for education settings and local authorities');
  });

  it('002: `#` headings with inconsistent levels and bold paragraphs are normalised', () => {
    const doc = docOfFile(seedPath('002'));
    const top = doc.root.children.map((s) => s.title);
    expect(top).toEqual([
      'THE HOLY FAMILY CATHOLIC PRIMARY SCHOOL',
      'OFSTED July 2019',
      'Catholic Schools Inspection February 2023',
      'Policy Objective',
      'Intention',
      'Equality and Diversity',
      'Impact',
      'Statutory Educational Planning for all Children Looked After',
      'Roles and Responsibilities: Education planning for all children with a Social Worker',
      'Attendance',
      'Admissions/ Transitions',
      'Additional Educational Needs',
      'Special Educational Needs & Disabilities',
      'Safeguarding',
      'Suspensions and Exclusion',
      'Appendix 1 – the Revised New Duty June 2022',
      'Appendix 2',
      'Appendix 3. Risk Assessment to Support Behaviour Policy',
    ]);
    // `### **Equality and Diversity:**` after `## Intention` is a sibling, not a child.
    expect(doc.sections.find((s) => s.title === 'Equality and Diversity')!.level).toBe(1);
    // `## What is Hertfordshire Steps?` stays inside Appendix 3 although it has fewer #s.
    const appendix3 = doc.root.children.at(-1)!;
    expect(appendix3.children.map((c) => c.title)).toContain('What is Hertfordshire Steps?');
    // Bold sentences, bold labels, dates and contact lines are not headings.
    for (const t of titles(doc)) {
      expect(t).not.toMatch(/^(Name of|Date|Review date|Email|Tel|We will make every effort|School procedures|The Designated Teacher for)/);
    }
    expect(doc.contents?.entries.map((e) => e.title)).toEqual(['Policy Objective', 'Intention', 'Implementation', 'Impact', 'Role and Responsibilities']);
  });

  it('003: the duplicated "Policy Objective" stays two sections; names and dates are text', () => {
    const doc = docOfFile(seedPath('003'));
    expect(doc.root.children.filter((s) => s.title === 'Policy Objective').map((s) => s.start.line)).toEqual([35, 44]);
    expect(titles(doc)).not.toContain('Miss Daisy Ambler');
    expect(titles(doc)).not.toContain('Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)');
    expect(titles(doc)).not.toContain('September 2024');
    expect(titles(doc).some((t) => t.startsWith('Date'))).toBe(false);
    expect(titles(doc)).not.toContain('Review date');
  });

  it('004: no appendices; the tab-separated footer is text', () => {
    const doc = docOfFile(seedPath('004'));
    expect(titles(doc).some((t) => t.startsWith('Appendix'))).toBe(false);
    expect(titles(doc)).not.toContain('To implement');
    expect(titles(doc)).not.toContain('Lorna Allett');
    expect(doc.sections.find((s) => s.title === 'Policy Objective')!.start.line).toBe(16);
  });

  it.each(['000', '001', '002', '003', '004'])('%s: sections cover the document in order without overlapping', (seed) => {
    const doc = docOfFile(seedPath(seed));
    let previousStart = -1;
    for (const s of doc.sections) {
      expect(s.start.offset).toBeGreaterThan(previousStart);
      previousStart = s.start.offset;
      expect(s.end.offset).toBeGreaterThanOrEqual(s.start.offset);
      if (s.parent && s.parent.level > 0) {
        expect(s.start.offset).toBeGreaterThanOrEqual(s.parent.start.offset);
        expect(s.end.offset).toBeLessThanOrEqual(s.parent.end.offset);
      }
    }
    // Siblings do not overlap.
    const check = (children: Section[]): void => {
      for (let i = 1; i < children.length; i++) expect(children[i]!.start.offset).toBeGreaterThan(children[i - 1]!.end.offset);
      children.forEach((c) => check(c.children));
    };
    check(doc.root.children);
  });
});

describe('section tree on hand-made documents', () => {
  it('nests a clean Markdown document by its # levels', () => {
    const doc = docOf('# Title\n\nIntro.\n\n## Part one\n\nText.\n\n### Detail\n\nMore.\n\n## Part two\n\nEnd.\n');
    expect(tree(doc)).toEqual(['Title@1', '  Part one@5', '    Detail@9', '  Part two@13']);
  });

  it('recognises bold and plain headings with a trailing colon, and records the title range', () => {
    const doc = docOf('Policy Objective\n\nText here.\n\n**Attendance:**\n\nWe track attendance.\n');
    expect(tree(doc)).toEqual(['Policy Objective@1', 'Attendance@5']);
    const attendance = doc.sections[1]!;
    expect(attendance.style).toBe('bold');
    expect(doc.text.slice(attendance.titleStart, attendance.titleEnd)).toBe('Attendance');
  });

  it('does not turn labels, names, dates, contact lines, links, numbered items or bold sentences into headings', () => {
    const doc = docOf(
      [
        'Safeguarding',
        'Name of the Designated Teacher for CLA and PLA',
        'Hannah Badger',
        'September 2024',
        '28.01.25',
        'Email: someone@example.org',
        'Tel: 01707 281587',
        '[Guidance](#)',
        '1. First numbered item',
        '**We will always contact the Virtual School for support.**',
        'That is:',
        '- a list item',
        'Body text follows here, as a sentence.',
      ].join('\n\n'),
    );
    expect(titles(doc)).toEqual(['Safeguarding']);
  });

  it('keeps an appendix open over headings that name top-level sections', () => {
    const doc = docOf('Attendance\n\nText.\n\nAppendix 1\n\nIntro.\n\nAttendance\n\nMore.\n\nAppendix 2\n\nEnd.\n');
    expect(tree(doc)).toEqual(['Attendance@1', 'Appendix 1@5', '  Attendance@9', 'Appendix 2@13']);
  });

  it('puts every block in its innermost section', () => {
    const doc = docOf('Impact\n\nFirst.\n\nAppendix 3\n\nSecond.\n\nHertfordshire Therapeutic Thinking\n\nThird.\n');
    const owner = (text: string): string => doc.blocks.find((b) => b.text === text)!.section.title;
    expect([owner('First.'), owner('Second.'), owner('Third.')]).toEqual(['Impact', 'Appendix 3', 'Hertfordshire Therapeutic Thinking']);
  });
});
