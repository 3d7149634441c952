import type { Line } from '../../../src/extract/document.schema';
import type { OkReport } from '../../../src/report/report.schema';
import { buildRedactor, HIDDEN, pseudonym, redactReport } from '../../../src/review/redact';
import { sampleReport } from '../../helpers/sample-report';

function line(lineNo: number, text: string, section: Line['section'] = 'experience'): Line {
  return { page: 1, line: lineNo, text, section, heading: false, hidden: false };
}

/** A fictional résumé with every kind of identifying detail blind review must hide. */
function reportWith(lines: Line[], fileName = 'mira-kovacs-resume.pdf'): OkReport {
  const base = sampleReport(fileName);
  return {
    ...base,
    text: lines,
    requirements: base.requirements.map((requirement, index) =>
      index === 0
        ? {
            ...requirement,
            items: [{ page: 1, line: 5, section: 'experience', quote: 'She led the PPO team with Mira Kovács.', matched: 'PPO', span: [12, 15], term: 'PPO', rule: 'applied-in-role', reason: 'r', level: 'used' }],
          }
        : requirement,
    ),
    flags: [],
    publications: [{ page: 1, line: 7, quote: 'Kovacs, M., Berg, T. Reward models. ICML 2023.' }],
  };
}

const LINES: Line[] = [
  line(1, 'Mira Kovács', 'header'),
  line(2, 'mira.kovacs@example.com · +1 (206) 555-0199 · Szeged, Hungary', 'header'),
  line(3, 'Pronouns: she/her', 'header'),
  line(4, 'Research Engineer | 2019-2021 | github.com/mirak'),
  line(5, 'She led the PPO team with Mira Kovács.'),
  line(6, 'Lives at 12 Harbour Street, reachable at https://mira.example.org/cv'),
  line(7, 'Kovacs, M., Berg, T. Reward models. ICML 2023.', 'publications'),
  line(8, 'Photo: headshot in a blue jacket'),
];

describe('redactReport (blind review)', () => {
  const redacted = redactReport(reportWith(LINES));
  const allText = JSON.stringify(redacted);

  it('hides the name wherever it appears, with or without diacritics, and the file name', () => {
    expect(allText).not.toMatch(/Mira|Kov[aá]cs|mira-kovacs/i);
    expect(redacted.source.fileName).not.toMatch(/mira/i);
    expect(redacted.candidateId).not.toMatch(/mira/i);
    expect(redacted.status === 'ok' && redacted.text[0]?.text).toBe(HIDDEN.name);
  });

  it('hides e-mail, phone, links, street address, photo captions and pronouns', () => {
    expect(allText).not.toMatch(/example\.com|555-0199|github\.com|Harbour Street|https:|headshot|she\/her|\bShe\b/);
    const text = redacted.status === 'ok' ? redacted.text.map((entry) => entry.text) : [];
    expect(text[1]).toBe(HIDDEN.contactLine);
    expect(text[5]).toContain(HIDDEN.address);
    expect(text[5]).toContain(HIDDEN.link);
    expect(text[7]).toBe(HIDDEN.photo);
  });

  it('keeps the evidence: year ranges, skills and the highlighted match still line up', () => {
    const text = redacted.status === 'ok' ? redacted.text.map((entry) => entry.text) : [];
    expect(text[3]).toContain('2019-2021');
    const item = redacted.status === 'ok' ? redacted.requirements[0]?.items[0] : undefined;
    expect(item && item.quote.slice(item.span[0], item.span[1])).toBe('PPO');
    expect(item?.quote).toBe(`${HIDDEN.pronoun} led the PPO team with ${HIDDEN.name} ${HIDDEN.name}.`);
    expect(redacted.status === 'ok' && redacted.levels).toEqual(reportWith(LINES).levels);
  });

  it('hides the author name in publication entries but keeps venue and year', () => {
    const quote = redacted.status === 'ok' ? redacted.publications[0]?.quote : '';
    expect(quote).toBe(`${HIDDEN.name}, M., Berg, T. Reward models. ICML 2023.`);
  });
});

describe('buildRedactor', () => {
  it('learns the name from the header line and confirms file-name words against it', () => {
    const redactor = buildRedactor(reportWith(LINES, 'mira-kovacs-final-cv.pdf'));
    expect(redactor.nameWords).toEqual(expect.arrayContaining(['Mira', 'Kovács']));
    expect(redactor.nameWords).not.toContain('final');
  });

  it('redacts free text such as a reviewer note with the same rules', () => {
    const redactor = buildRedactor(reportWith(LINES));
    expect(redactor.text('Call Mira on +44 20 7946 0958 about his RL work')).toBe(`Call ${HIDDEN.name} on ${HIDDEN.phone} about ${HIDDEN.pronoun} RL work`);
  });
});

describe('pseudonym', () => {
  it('is stable per report and reveals nothing of the file', () => {
    expect(pseudonym('report-abcdef0123')).toBe(pseudonym('report-abcdef0123'));
    expect(pseudonym('report-abcdef0123')).toBe('Candidate ABCDEF');
  });
});
