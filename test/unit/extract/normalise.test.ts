import { joinHyphenatedLines, normaliseBullet, normaliseLine } from '../../../src/extract/normalise';

describe('normaliseLine', () => {
  it('unfolds ligatures with NFKC', () => {
    expect(normaliseLine('Deﬁned workﬂows')).toBe('Defined workflows');
  });

  it('removes soft hyphens and zero-width characters', () => {
    expect(normaliseLine('high\u00ADimpact re\u200Bsearch\uFEFF')).toBe('highimpact research');
  });

  it('collapses whitespace (including NBSP and tabs) and trims', () => {
    expect(normaliseLine('  Python\t\u00A0 PyTorch   JAX  ')).toBe('Python PyTorch JAX');
  });

  it('writes every bullet glyph at line start as "- "', () => {
    for (const bullet of ['•', '◦', '▪', '‣', '●', '·', '\uF0B7']) {
      expect(normaliseLine(`${bullet} Trained models`)).toBe('- Trained models');
    }
    expect(normaliseLine('•Trained models')).toBe('- Trained models');
    expect(normaliseLine('– Trained models')).toBe('- Trained models');
    expect(normaliseLine('* Trained models')).toBe('- Trained models');
  });

  it('leaves dashes that are not bullets alone', () => {
    expect(normaliseLine('-5% latency')).toBe('-5% latency');
    expect(normaliseLine('2019 – 2023')).toBe('2019 – 2023');
  });

  it('drops a line that is only a bullet', () => {
    expect(normaliseLine(' • ')).toBe('');
  });

  it('is deterministic', () => {
    const input = ' ●  ﬁne-tuned\u00AD LLMs ';
    expect(normaliseLine(input)).toBe(normaliseLine(input));
    expect(normaliseLine(normaliseLine(input))).toBe(normaliseLine(input));
  });
});

describe('normaliseBullet', () => {
  it('keeps text without a bullet unchanged', () => {
    expect(normaliseBullet('Research Engineer')).toBe('Research Engineer');
  });
});

describe('joinHyphenatedLines', () => {
  it('rejoins a word split across a line break and keeps the rest of the next line', () => {
    const lines = joinHyphenatedLines([{ text: 'Applied reinforce-' }, { text: 'ment learning to robots' }]);
    expect(lines.map((line) => line.text)).toEqual(['Applied reinforcement', 'learning to robots']);
  });

  it('treats a trailing soft hyphen as a line-break hyphen', () => {
    const lines = joinHyphenatedLines([{ text: 'large-scale pre\u00AD' }, { text: 'training runs' }]);
    expect(lines.map((line) => line.text)).toEqual(['large-scale pretraining', 'runs']);
  });

  it('removes a next line that the join empties, carrying its punctuation', () => {
    const lines = joinHyphenatedLines([{ text: 'Built evalu-' }, { text: 'ation.' }, { text: 'Next line' }]);
    expect(lines.map((line) => line.text)).toEqual(['Built evaluation.', 'Next line']);
  });

  it('does not join before a capital letter or a list item', () => {
    const texts = ['Senior Research-', 'Engineer at Acme', 'Skills -', '- Python'];
    expect(joinHyphenatedLines(texts.map((text) => ({ text }))).map((line) => line.text)).toEqual(texts);
  });

  it('asks canJoin before joining lines (other column, hidden line)', () => {
    const lines = [
      { text: 'reinforce-', column: 1 },
      { text: 'ment', column: 2 },
    ];
    expect(joinHyphenatedLines(lines, (a, b) => a.column === b.column).map((line) => line.text)).toEqual(['reinforce-', 'ment']);
  });
});
