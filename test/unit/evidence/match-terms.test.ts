import { compileTermIndex, findTermMatches, inflectionCompatible, type TermSource } from '../../../src/evidence/match-terms';
import { tokenize } from '../../../src/evidence/tokenize';

function matchedTexts(line: string, sources: TermSource[]): string[] {
  const index = compileTermIndex(sources);
  return findTermMatches(index, tokenize(line)).map((match) => line.slice(match.start, match.end));
}

const term = (value: string): TermSource => ({ requirementIndex: 0, term: value, kind: 'term' });
const acronym = (value: string): TermSource => ({ requirementIndex: 0, term: value, kind: 'acronym' });

describe('tokenize', () => {
  it('keeps character offsets so every token slices back out of the line', () => {
    const line = '• Fine-tuned (PPO) agents — RLHF-tuned, in Python.';
    for (const token of tokenize(line)) expect(line.slice(token.start, token.end)).toBe(token.text);
  });

  it('starts a new clause at sentence ends, semicolons and "but"', () => {
    const clauses = tokenize('No RL yet; built agents. Python but not Go').map((token) => token.clause);
    expect(new Set(clauses).size).toBe(4);
  });
});

describe('term matching', () => {
  it('matches inflected forms of the same word', () => {
    expect(matchedTexts('Trained and fine-tuning models', [term('fine-tuned'), term('training')])).toEqual(['Trained', 'fine-tuning']);
    expect(inflectionCompatible('modelling', 'modeling')).toBe(true);
    expect(inflectionCompatible('policies', 'policy')).toBe(true);
  });

  it('does not match words that only share a Porter stem', () => {
    expect(matchedTexts('Published 12 public notebooks', [term('publication')])).toEqual([]);
    expect(matchedTexts('A critical transformation', [term('critic'), term('transformer')])).toEqual([]);
  });

  it('matches acronyms case-sensitively as whole tokens, plurals and hyphenated forms included', () => {
    expect(matchedTexts('url world Rl rl', [acronym('RL')])).toEqual([]);
    expect(matchedTexts('RLHF-tuned models (PPO) and LLMs', [acronym('RLHF'), acronym('PPO'), acronym('LLM')])).toEqual([
      'RLHF',
      'PPO',
      'LLMs',
    ]);
  });

  it('lets "..." in a phrase stand for up to three other words, within one clause', () => {
    const phrase: TermSource = { requirementIndex: 0, term: 'train ... language model', kind: 'phrase' };
    expect(matchedTexts('Trained a 1B-parameter language model', [phrase])).toEqual(['Trained a 1B-parameter language model']);
    expect(matchedTexts('Trained 600 staff to use large language models', [phrase])).toEqual([]);
    expect(matchedTexts('Trained staff; language models next', [phrase])).toEqual([]);
  });
});
