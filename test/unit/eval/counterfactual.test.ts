import type { Evidence } from '../../../src/evidence/evidence.schema';
import { tagEvidence } from '../../../src/evidence/tag-evidence';
import { extractDocument } from '../../../src/extract/extract';
import type { ExtractedDocument } from '../../../src/extract/document.schema';
import { buildCounterfactual, compareEvidence, personalLineEvidence, probeDocument, profileVocabulary } from '../../../src/eval/counterfactual';
import { defaultProfile } from '../../../src/profile/load-profile';

// A fictional person; every line that says who she is sits beside lines that are real evidence.
const RESUME = [
  'Jane Halvorsen-Mbatha',
  'jane.halvorsen@example.com | (555) 555-0199 | 14 Birch Street | Tollbridge, Westland',
  'Date of birth: 2 April 1990',
  'Photo: Jane Halvorsen-Mbatha at her desk',
  '',
  'Summary',
  'Research engineer. She led reinforcement learning work for her team and he reviewed it.',
  '',
  'Experience',
  'Research Engineer, Quillon Labs, 2020–present',
  '- Trained reward models with PPO in Python for her group.',
  '- Built a tool-calling agent with LangGraph; his review found no regressions.',
  '',
  'Education',
  'Ph.D. Computer Science, University of Tollbridge, 2019',
  'B.Sc. Physics, Marrow Institute of Technology, 2014',
  '',
  'Publications',
  'Halvorsen-Mbatha, J., Ode, K. Sparse rewards at scale. NeurIPS 2022.',
  '',
].join('\n');

let document: ExtractedDocument;
const profile = defaultProfile();

beforeAll(async () => {
  document = await extractDocument(new TextEncoder().encode(RESUME));
});

const lineText = (doc: ExtractedDocument, page: number, line: number): string =>
  doc.lines.find((candidate) => candidate.page === page && candidate.line === line)?.text ?? '';

describe('buildCounterfactual', () => {
  it('changes the name everywhere, the email, address, birth date, caption, schools and pronouns', () => {
    const variant = buildCounterfactual(document, { variant: 'he', keepWords: profileVocabulary(profile) });
    const text = variant.document.lines.map((line) => line.text).join('\n');
    expect(text).not.toMatch(/Jane|Halvorsen|Mbatha|Birch Street|Tollbridge|1990|Marrow/);
    expect(text).not.toMatch(/\bshe\b|\bher\b/i);
    expect(text).toMatch(/He led reinforcement learning work for his team/);
    expect(text).toMatch(/NeurIPS 2022/);
    const kinds = new Set(variant.changes.flatMap((change) => change.kinds));
    expect([...kinds].sort()).toEqual(['address', 'birth-date', 'email', 'name', 'photo-caption', 'pronoun', 'school']);
  });

  it('keeps every line at its page, number and section', () => {
    const variant = buildCounterfactual(document, { variant: 'they' });
    expect(variant.document.lines.map(({ page, line, section }) => ({ page, line, section }))).toEqual(
      document.lines.map(({ page, line, section }) => ({ page, line, section })),
    );
  });

  it('marks the name, address, birth-date and caption lines as personal', () => {
    const variant = buildCounterfactual(document, { variant: 'she' });
    const kinds = variant.personalLines.map((personal) => `${personal.kind}@${lineText(document, personal.page, personal.line).slice(0, 10)}`);
    expect(kinds).toEqual(['name@Jane Halvo', 'address@jane.halvo', 'birth-date@Date of bi', 'photo-caption@Photo: Jan']);
  });

  it('never substitutes a word of the profile, even in a name', async () => {
    const named = await extractDocument(new TextEncoder().encode('Ray Python\nray@example.com\n\nExperience\n- Wrote Python services.\n'));
    const variant = buildCounterfactual(named, { variant: 'she', keepWords: profileVocabulary(profile) });
    expect(lineText(variant.document, 1, 1)).toMatch(/ Python$/);
    expect(lineText(variant.document, 1, 1)).not.toMatch(/^Ray /);
  });
});

describe('probeDocument (the real tagger)', () => {
  it('gives the same levels and evidence for every variant, and finds real evidence', () => {
    const evidence = tagEvidence(document, profile);
    const levels = Object.fromEntries(evidence.requirements.map((found) => [found.requirementId, found.level]));
    expect(levels.rl).not.toBe('none');
    expect(levels.python).not.toBe('none');
    expect(evidence.publications).toHaveLength(1);
    const probe = probeDocument(document, profile);
    expect(probe.variants.map((outcome) => ({ variant: outcome.variant, differences: outcome.differences }))).toEqual([
      { variant: 'she', differences: [] },
      { variant: 'he', differences: [] },
      { variant: 'they', differences: [] },
    ]);
    expect(probe.personalEvidence).toEqual([]);
    expect(probe.passed).toBe(true);
  });
});

describe('compareEvidence and personalLineEvidence', () => {
  const item = { page: 1, line: 1, section: 'header' as const, quote: 'Jane Halvorsen-Mbatha', matched: 'Jane', span: [0, 4] as [number, number], term: 'jane', rule: 'summary-claim', reason: 'r', level: 'mentioned' as const };
  const evidenceWith = (level: 'none' | 'mentioned'): Evidence => ({
    requirements: [{ requirementId: 'rl', level, levelReason: 'x', items: level === 'none' ? [] : [item], ignored: [], lookedFor: [] }],
    flags: [],
    publications: [],
  });

  it('reports a level or item that changed with the variant', () => {
    const variant = buildCounterfactual(document, { variant: 'she' });
    const differences = compareEvidence(evidenceWith('mentioned'), evidenceWith('none'), variant);
    expect(differences).toEqual(['rl: level mentioned → none', 'rl item: 1 in the original, 0 in the variant']);
  });

  it('expects quotes of changed lines to be rewritten the same way', () => {
    const variant = buildCounterfactual(document, { variant: 'she' });
    const differences = compareEvidence(evidenceWith('mentioned'), evidenceWith('mentioned'), variant);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^rl item 1 \(page 1, line 1\): quote/);
  });

  it('reports evidence taken from the name line', () => {
    const variant = buildCounterfactual(document, { variant: 'she' });
    expect(personalLineEvidence(evidenceWith('mentioned'), variant.personalLines)).toEqual(['rl: evidence from the name line (page 1, line 1)']);
  });
});
