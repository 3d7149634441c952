import { parseDemographicsCsv, selectionAudit, NOT_REPORTED } from '../../../src/review/selection-rates';
import type { DecisionKind } from '../../../src/review/decision.schema';
import { csvCell, parseCsv } from '../../../src/review/csv';

/** n people of one category, `advanced` of them advanced, the rest declined. */
function people(prefix: string, sex: string, group: string, n: number, advanced: number): { rows: string[]; outcomes: Array<[string, DecisionKind]> } {
  const rows: string[] = [];
  const outcomes: Array<[string, DecisionKind]> = [];
  for (let index = 0; index < n; index += 1) {
    const id = `${prefix}-${index}`;
    rows.push(`${id},${sex},${group}`);
    outcomes.push([id, index < advanced ? 'advance' : 'decline']);
  }
  return { rows, outcomes };
}

describe('selectionAudit', () => {
  const groups = [people('f', 'Female', 'A', 40, 20), people('m', 'Male', 'A', 40, 10), people('x', 'Female', 'B', 20, 10), people('s', 'Nonbinary', 'B', 3, 3)];
  const csv = ['reportId,sex,group', ...groups.flatMap((group) => group.rows)].join('\n');
  const outcomes = new Map(groups.flatMap((group) => group.outcomes));
  const audit = selectionAudit(parseDemographicsCsv(csv), outcomes);
  const find = (dimension: string, category: string) => audit.groups.find((group) => group.dimension === dimension && group.category === category);

  it('computes selection rate = advanced / decided per category', () => {
    expect(find('sex', 'Female')).toMatchObject({ decided: 60, advanced: 30, selectionRate: 0.5 });
    expect(find('sex', 'Male')).toMatchObject({ decided: 40, advanced: 10, selectionRate: 0.25 });
  });

  it('computes impact ratio = rate / highest rate, leaving small groups out of the highest', () => {
    // Nonbinary (3 people, all advanced: rate 1.0) is small, so the reference is Female's 0.5.
    expect(find('sex', 'Nonbinary')).toMatchObject({ small: true, selectionRate: 1 });
    expect(find('sex', 'Female')?.impactRatio).toBe(1);
    expect(find('sex', 'Male')?.impactRatio).toBe(0.5);
  });

  it('reports the intersection of all dimensions', () => {
    expect(find('sex × group', 'Female × B')).toMatchObject({ decided: 20, advanced: 10, small: false });
    expect(find('sex × group', 'Nonbinary × B')?.small).toBe(true);
  });

  it('marks groups under 2% of the decided total as small even when n ≥ 5', () => {
    const big = [people('a', 'F', 'A', 300, 100), people('b', 'M', 'A', 5, 1)];
    const result = selectionAudit(parseDemographicsCsv(['id,sex,group', ...big.flatMap((group) => group.rows)].join('\n')), new Map(big.flatMap((group) => group.outcomes)));
    expect(result.groups.find((group) => group.dimension === 'sex' && group.category === 'M')?.small).toBe(true);
  });

  it('counts only people with a decision, and says how many decisions had no demographics', () => {
    const demographics = parseDemographicsCsv('resumeId,sex\nr1,F\nr2,\nr3,M\n');
    const result = selectionAudit(demographics, new Map<string, DecisionKind>([['r1', 'advance'], ['r2', 'hold'], ['r9', 'advance']]));
    expect(result).toMatchObject({ people: 3, decided: 2, undecided: 1, decisionsWithoutDemographics: 1 });
    expect(result.groups.map((group) => group.category)).toEqual(expect.arrayContaining([NOT_REPORTED, 'F']));
  });

  it('refuses a file without an id column', () => {
    expect(() => parseDemographicsCsv('name,sex\nx,F\n')).toThrow(/no id column/);
  });
});

describe('csv', () => {
  it('round-trips quotes, commas and newlines, and defuses spreadsheet formulas', () => {
    expect(parseCsv(`a,b\n${csvCell('x, "y"\nz')},${csvCell('plain')}\n`)).toEqual([['a', 'b'], ['x, "y"\nz', 'plain']]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
