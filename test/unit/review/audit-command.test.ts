import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../../../src/cli/audit-command';

describe('resume-evidence audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('joins self-reported categories to the exported decisions by report id and prints rates and impact ratios', async () => {
    const candidates = Array.from({ length: 10 }, (_, index) => ({
      reportId: `report-${index}`,
      resumeId: `resume-${index}`,
      decision: index < 4 ? 'advance' : index < 8 ? 'decline' : null,
    }));
    writeFileSync(join(dir, 'decisions.json'), JSON.stringify({ kind: 'resume-evidence.decisions', batchId: 'batch-1', candidates }));
    // report-0..4 are "A" (3 advanced of 5 decided), report-5..9 "B" (1 advanced of 3 decided; 2 undecided).
    const rows = candidates.map((candidate, index) => `${candidate.reportId},${index < 5 ? 'A' : 'B'}`);
    writeFileSync(join(dir, 'demographics.csv'), ['reportId,group', ...rows].join('\n'));
    const json = JSON.parse(await runAudit({ demographics: join(dir, 'demographics.csv'), decisions: join(dir, 'decisions.json'), format: 'json' })) as {
      decided: number;
      undecided: number;
      groups: Array<{ category: string; selectionRate: number; impactRatio: number | null; small: boolean }>;
    };
    expect(json).toMatchObject({ decided: 8, undecided: 2 });
    const a = json.groups.find((group) => group.category === 'A');
    const b = json.groups.find((group) => group.category === 'B');
    expect(a).toMatchObject({ small: false, impactRatio: 1 });
    expect(a?.selectionRate).toBeCloseTo(4 / 5);
    expect(b?.selectionRate).toBeCloseTo(0 / 3);
    expect(b?.small).toBe(true);
    const table = await runAudit({ demographics: join(dir, 'demographics.csv'), decisions: join(dir, 'decisions.json'), format: 'table' });
    expect(table).toMatch(/B \*/);
  });

  it('refuses a file that is not a decisions export', async () => {
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'd.csv'), 'id,group\nx,A\n');
    await expect(runAudit({ demographics: join(dir, 'd.csv'), decisions: join(dir, 'other.json'), format: 'table' })).rejects.toThrow(/not a decisions export/);
  });
});
