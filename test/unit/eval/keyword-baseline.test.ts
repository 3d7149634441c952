import type { Line } from '../../../src/extract/document.schema';
import { keywordBaseline, keywordPattern } from '../../../src/eval/keyword-baseline';
import { ProfileSchema } from '../../../src/profile/profile.schema';

const profile = ProfileSchema.parse({
  id: 'baseline-test',
  title: 'Baseline test',
  version: '1.0.0',
  requirements: [
    {
      id: 'rl',
      label: 'RL',
      description: 'Reinforcement learning',
      priority: 'plus',
      evidence: { terms: ['reinforcement learning'], acronyms: ['RL', 'PPO'], phrases: ['train ... policy'] },
    },
    { id: 'agents', label: 'Agents', description: 'Agents', priority: 'plus', evidence: { terms: ['agent'] } },
    {
      id: 'publications',
      label: 'Publications',
      description: 'Papers',
      priority: 'plus',
      evidence: { terms: ['publication'], acronyms: ['NeurIPS', 'ICML'] },
      sectionEvidence: ['publications'],
    },
  ],
});

function lines(...texts: string[]): Line[] {
  return texts.map((text, index) => ({ page: 1, line: index + 1, text, section: 'experience', heading: false, hidden: false }));
}

const presence = (texts: string[]) =>
  Object.fromEntries(keywordBaseline(lines(...texts), profile).requirements.map((found) => [found.requirementId, found.present]));

describe('keywordBaseline', () => {
  it('matches case-insensitively on word boundaries', () => {
    expect(presence(['Studied deep rl at night'])).toMatchObject({ rl: true });
    expect(presence(['Built a world-class curl pipeline'])).toMatchObject({ rl: false });
    expect(presence(['REINFORCEMENT   LEARNING'])).toMatchObject({ rl: true });
  });

  it('falls for look-alikes, which is what it is for', () => {
    expect(presence(['Licensed insurance agent since 2015'])).toMatchObject({ agents: true });
    expect(presence(['Reduced levels (RL +4.250 m)'])).toMatchObject({ rl: true });
  });

  it('reads "..." in a phrase as up to three other words', () => {
    expect(keywordPattern('train ... policy').test('train a small control policy')).toBe(true);
    expect(keywordPattern('train ... policy').test('train one two three four policy')).toBe(false);
  });

  it('calls every hit a mention and quotes the line it found', () => {
    const result = keywordBaseline(lines('Ran PPO on robots', 'Nothing here'), profile);
    const rl = result.requirements.find((found) => found.requirementId === 'rl');
    expect(rl).toMatchObject({ present: true, level: 'mentioned', hits: [{ page: 1, line: 1, quote: 'Ran PPO on robots', term: 'PPO' }] });
  });

  it('counts publications as the lines that hit the publications requirement', () => {
    const result = keywordBaseline(lines('A paper. NeurIPS 2023.', 'Another. ICML 2022.', 'Led the team'), profile);
    expect(result.publicationCount).toBe(2);
  });
});
