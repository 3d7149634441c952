import { finish } from '../../../src/extract/extract';
import { cleanHeading, matchHeading } from '../../../src/extract/sections';

/** Sections as finish() assigns them while it walks the lines (sectionStep line by line). */
const linesOf = (lines: Array<{ text: string; hidden?: boolean }>) =>
  finish('txt', { pageCount: 1, lines: lines.map(({ text, hidden }) => ({ page: 1, text, hidden: hidden ?? false })), warnings: [] }).lines;

const sectionsOf = (texts: string[]): Array<[string, string, boolean]> =>
  linesOf(texts.map((text) => ({ text }))).map((line) => [line.text, line.section, line.heading]);

describe('sections, as finish assigns them', () => {
  it('puts lines before the first heading in the header', () => {
    expect(sectionsOf(['Morgan Vale', 'morgan@example.org', 'EXPERIENCE', 'Engineer, Acme'])).toEqual([
      ['Morgan Vale', 'header', false],
      ['morgan@example.org', 'header', false],
      ['EXPERIENCE', 'experience', true],
      ['Engineer, Acme', 'experience', false],
    ]);
  });

  it('recognises ALL-CAPS, colon and Markdown-style headings from the vocabulary', () => {
    const result = sectionsOf([
      'PROFESSIONAL SUMMARY',
      'Builds learning systems.',
      'Work History:',
      'Acme 2020-2024',
      '## Education',
      'MSc',
      'Selected Publications',
      'A paper, 2023',
      'Technical Skills',
      'Python',
      'Honors & Awards',
      'Best paper',
      'Volunteering',
      'Coding club',
      'Projects',
      'A tool',
    ]);
    expect(result.filter(([, , heading]) => heading).map(([, section]) => section)).toEqual([
      'summary', 'experience', 'education', 'publications', 'skills', 'awards', 'other', 'projects',
    ]);
    expect(result.find(([text]) => text === 'Coding club')?.[1]).toBe('other');
  });

  it('treats "Skills: Python, Go" as skills content, not as a bare heading', () => {
    expect(sectionsOf(['EXPERIENCE', 'Acme', 'Skills: Python, Go'])[2]).toEqual(['Skills: Python, Go', 'skills', false]);
  });

  it('keeps "Languages: Python" inside a skills section', () => {
    expect(sectionsOf(['Skills', 'Languages: Python, Rust'])[1]).toEqual(['Languages: Python, Rust', 'skills', false]);
  });

  it('leaves everything in the header when there are no headings', () => {
    const result = sectionsOf(['Morgan Vale', 'I have worked with experience replay in RL.', 'Education matters to me a lot.']);
    expect(result.every(([, section, heading]) => section === 'header' && !heading)).toBe(true);
  });

  it('does not take a long sentence starting with a heading word for a heading', () => {
    expect(sectionsOf(['Experience with distributed training of large models'])[0]?.[1]).toBe('header');
  });

  it('ignores hidden lines when looking for headings', () => {
    const result = linesOf([{ text: 'EXPERIENCE' }, { text: 'PUBLICATIONS', hidden: true }, { text: 'Acme' }]);
    expect(result.map((line) => line.section)).toEqual(['experience', 'experience', 'experience']);
  });
});

describe('matchHeading', () => {
  it('reads letter-spaced and numbered headings', () => {
    expect(matchHeading('E X P E R I E N C E')).toEqual({ section: 'experience', standalone: true });
    expect(matchHeading('2. Education')).toEqual({ section: 'education', standalone: true });
  });

  it('returns undefined for ordinary lines', () => {
    expect(matchHeading('Research Engineer, Acme Labs')).toBeUndefined();
  });
});

describe('cleanHeading', () => {
  it('lower-cases and strips markup and trailing colons', () => {
    expect(cleanHeading('## **Skills & Tools:**')).toBe('skills and tools');
  });
});
