import type { Line } from '../../../src/extract/document.schema';
import { candidateNameWords, groupEntries } from '../../../src/evidence/publications';

function lines(texts: string[]): Line[] {
  return texts.map((text, index) => ({ page: 1, line: index + 1, text, section: 'publications', heading: false, hidden: false }));
}

describe('groupEntries', () => {
  it('joins continuation lines to the numbered entry they belong to', () => {
    const entries = groupEntries(
      lines(['1. A. Quillon, B. Ito. Horizon-aware PPO for sparse rewards. ICML', '2022.', '2. B. Ito. Tool drift. arXiv:2403.01234, 2024.']),
      new Set(['quillon']),
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ venue: 'ICML', year: 2022, mainVenue: true, firstAuthor: true });
    expect(entries[0]?.lines.map((line) => line.line)).toEqual([1, 2]);
    expect(entries[1]).toMatchObject({ venue: 'arXiv', year: 2024, firstAuthor: false });
  });

  it('reads one entry per line when nothing is numbered, keeping wrapped tails together', () => {
    const entries = groupEntries(
      lines([
        'A. Quillon, L. Mbatha. "Creep in transfer slabs: ten years of monitoring." Proc. Pacific',
        'Concrete Conference, 2022.',
        'A. Quillon. Ligand design for copper capture. Ph.D. thesis, Lakemont University, 2018.',
      ]),
      new Set(['quillon']),
    );
    expect(entries.map((entry) => ({ year: entry.year, venue: entry.venue }))).toEqual([
      { year: 2022, venue: undefined },
      { year: 2018, venue: 'Thesis' },
    ]);
  });

  it('does not count papers under review or empty placeholders', () => {
    expect(groupEntries(lines(['- Paper on exploration, under review at ICML 2026', '- None yet']), new Set())).toEqual([]);
  });
});

describe('candidateNameWords', () => {
  it('reads the name from the first visible line, joining a name broken by a narrow column', () => {
    const name = candidateNameWords(lines(['Idris Calloway-', 'Nakamura', 'idris@example.com']));
    expect([...name]).toEqual(['idris', 'calloway', 'nakamura']);
  });
});
