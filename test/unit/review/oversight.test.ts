import type { Decision, DecisionKind } from '../../../src/review/decision.schema';
import { evidencePattern, oversightFigures, type OversightCandidate } from '../../../src/review/oversight';

const requirements = [
  { id: 'python', priority: 'must' as const },
  { id: 'rl', priority: 'must' as const },
  { id: 'agents', priority: 'plus' as const },
];

function candidate(reportId: string, python: OversightCandidate['levels'][string], rl: OversightCandidate['levels'][string]): OversightCandidate {
  return { reportId, levels: { python, rl, agents: 'strong' }, readable: true };
}

let clock = 0;
function decision(reviewerId: string, reportId: string, kind: DecisionKind, versionReportId = reportId): Decision {
  clock += 1;
  return {
    decisionId: `d${clock}`,
    batchId: 'b',
    resumeId: `resume-${reportId}`,
    reportId,
    reviewerId,
    decision: kind,
    ...(kind === 'decline' ? { reason: 'r' } : {}),
    decidedAt: new Date(Date.UTC(2025, 0, 1, 0, clock)).toISOString(),
    reportVersion: { reportId: versionReportId, schemaVersion: '1.0.0', profileId: 'p', profileVersion: '1.0.0' },
  };
}

describe('evidencePattern', () => {
  it('classifies by the must-have requirements only', () => {
    expect(evidencePattern(candidate('a', 'none', 'strong'), requirements)).toBe('no-must-evidence');
    expect(evidencePattern(candidate('a', 'strong', 'strong'), requirements)).toBe('strong-must-evidence');
    expect(evidencePattern(candidate('a', 'used', 'strong'), requirements)).toBe('some-must-evidence');
    expect(evidencePattern({ reportId: 'a', levels: {}, readable: false }, requirements)).toBe('unreadable');
  });
});

describe('oversightFigures', () => {
  const candidates = [candidate('weak', 'none', 'mentioned'), candidate('strong', 'strong', 'strong'), candidate('mid', 'used', 'used'), candidate('open', 'used', 'none')];

  it('counts advances without must-have evidence and declines of strong evidence, per reviewer', () => {
    const figures = oversightFigures(candidates, requirements, [
      decision('alice', 'weak', 'advance'),
      decision('alice', 'strong', 'decline'),
      decision('bob', 'weak', 'decline'),
      decision('bob', 'strong', 'advance'),
    ]);
    const alice = figures.reviewers.find((reviewer) => reviewer.reviewerId === 'alice');
    const bob = figures.reviewers.find((reviewer) => reviewer.reviewerId === 'bob');
    expect(alice).toMatchObject({ decided: 2, advancedWithoutMustEvidence: 1, declinedWithStrongMustEvidence: 1 });
    expect(bob).toMatchObject({ decided: 2, advancedWithoutMustEvidence: 0, declinedWithStrongMustEvidence: 0 });
    expect(alice?.byPattern['no-must-evidence']).toEqual({ advance: 1, hold: 0, decline: 0 });
    expect(figures.undecided).toBe(2);
    expect(figures.disagreements.map((entry) => entry.reportId).sort()).toEqual(['strong', 'weak']);
  });

  it('counts only each reviewer\'s latest decision, and notes changes and decisions on another report', () => {
    const figures = oversightFigures(candidates, requirements, [decision('alice', 'mid', 'hold'), decision('alice', 'mid', 'advance', 'report-older')]);
    const alice = figures.reviewers[0];
    expect(alice).toMatchObject({ decided: 1, counts: { advance: 1, hold: 0, decline: 0 }, changedDecisions: 1, decidedOnOtherReport: 1 });
  });
});
