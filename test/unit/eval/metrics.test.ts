import type { Level } from '../../../src/evidence/evidence.schema';
import { computeFigures, presenceScores, publicationCountMAE, type ScoredDocument } from '../../../src/eval/metrics';

const label = (strength: Level) => ({ present: strength !== 'none', strength });
const predicted = (level: Level, quote = 'Trained PPO agents') => ({
  level,
  evidence: level === 'none' ? [] : [{ page: 1, line: 3, quote, term: 'PPO', rule: 'applied-in-role', ignored: false }],
});

describe('presenceScores', () => {
  it('computes precision, recall and F1 from the counts', () => {
    const scores = presenceScores({ tp: 3, fp: 1, fn: 2, tn: 4 });
    expect(scores.precision).toBeCloseTo(3 / 4);
    expect(scores.recall).toBeCloseTo(3 / 5);
    expect(scores.f1).toBeCloseTo((2 * 0.75 * 0.6) / (0.75 + 0.6));
  });

  it('scores a requirement nobody has and nobody claims as perfect', () => {
    expect(presenceScores({ tp: 0, fp: 0, fn: 0, tn: 5 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('gives F1 0 when every claim is a false alarm, and when everything is missed', () => {
    expect(presenceScores({ tp: 0, fp: 2, fn: 0, tn: 3 })).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(presenceScores({ tp: 0, fp: 0, fn: 3, tn: 2 })).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });
});

describe('computeFigures', () => {
  const documents: ScoredDocument[] = [
    {
      file: 'a.pdf',
      labels: { rl: label('strong'), python: label('used') },
      predictions: { rl: predicted('used'), python: predicted('used') },
      publicationCount: { labelled: 3, predicted: 2 },
    },
    {
      file: 'b.pdf',
      labels: { rl: label('none'), python: label('mentioned') },
      predictions: { rl: predicted('mentioned', 'Insurance agent, RL +4.2 m'), python: predicted('none') },
      publicationCount: { labelled: 0, predicted: 0 },
    },
    {
      file: 'c.pdf',
      labels: { rl: label('none'), python: label('strong') },
      predictions: { rl: predicted('none'), python: predicted('strong') },
    },
  ];
  const figures = computeFigures(['rl', 'python', 'agents'], documents);

  it('counts presence per requirement by hand-checkable rules', () => {
    expect(figures.perRequirement.rl).toMatchObject({ tp: 1, fp: 1, fn: 0, tn: 1, precision: 0.5, recall: 1 });
    expect(figures.perRequirement.python).toMatchObject({ tp: 2, fp: 0, fn: 1, tn: 0, precision: 1 });
    expect(figures.perRequirement.python?.recall).toBeCloseTo(2 / 3);
  });

  it('leaves requirements no document is labelled for out of the figures and the macro-F1', () => {
    expect(figures.perRequirement.agents).toBeUndefined();
    const rl = figures.perRequirement.rl?.f1 ?? NaN;
    const python = figures.perRequirement.python?.f1 ?? NaN;
    expect(figures.macroF1).toBeCloseTo((rl + python) / 2);
  });

  it('fills the level confusion matrix label × prediction and measures level accuracy over all pairs', () => {
    expect(figures.levelConfusion.strong.used).toBe(1);
    expect(figures.levelConfusion.none.mentioned).toBe(1);
    expect(figures.levelConfusion.mentioned.none).toBe(1);
    expect(figures.levelConfusion.used.used).toBe(1);
    const total = Object.values(figures.levelConfusion).reduce((sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(6);
    expect(figures.levelAccuracy).toBeCloseTo(3 / 6);
  });

  it('lists each disagreement with its kind and the quotes of the predicted evidence', () => {
    expect(figures.disagreements.map((d) => `${d.file} ${d.requirementId} ${d.kind}`)).toEqual([
      'a.pdf rl level',
      'b.pdf rl false-positive',
      'b.pdf python false-negative',
    ]);
    expect(figures.disagreements[1]?.evidence[0]?.quote).toBe('Insurance agent, RL +4.2 m');
  });

  it('averages the publication count error over documents labelled with a count', () => {
    expect(figures.publicationCountMAE).toBeCloseTo(0.5);
    expect(publicationCountMAE([documents[2] as ScoredDocument])).toBeNull();
  });

  it('gives null figures, not made-up numbers, for an empty set', () => {
    const empty = computeFigures(['rl'], []);
    expect(empty).toMatchObject({ macroF1: null, levelAccuracy: null, publicationCountMAE: null, documentCount: 0 });
  });
});
