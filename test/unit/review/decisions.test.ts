import { appendDecision, currentByReviewer, latestDecision, makeDecision, type DecisionContext } from '../../../src/review/decisions';
import type { Decision } from '../../../src/review/decision.schema';

function context(history: Decision[] = [], now = '2025-01-01T10:00:00.000Z', decisionId = 'decision-1'): DecisionContext {
  return {
    batchId: 'batch-1',
    resumeId: 'resume-abc',
    reportId: 'report-0123',
    reportVersion: { reportId: 'report-0123', schemaVersion: '1.0.0', profileId: 'research-engineer', profileVersion: '1.0.0' },
    history,
    now,
    decisionId,
  };
}

describe('makeDecision', () => {
  it('refuses a decline without a reason, and one whose reason is only whitespace', () => {
    expect(() => makeDecision({ reviewerId: 'alice', decision: 'decline' }, context())).toThrow(/decline needs a reason/);
    expect(() => makeDecision({ reviewerId: 'alice', decision: 'decline', reason: '   ' }, context())).toThrow(/decline needs a reason/);
  });

  it('accepts advance and hold without a reason', () => {
    expect(makeDecision({ reviewerId: 'alice', decision: 'advance' }, context()).decision).toBe('advance');
    expect(makeDecision({ reviewerId: 'alice', decision: 'hold' }, context()).reason).toBeUndefined();
  });

  it('records who, when and the report version the decision was made on', () => {
    const decision = makeDecision({ reviewerId: 'alice', decision: 'decline', reason: 'No Python used in a role', notes: ' check again ' }, context());
    expect(decision).toMatchObject({
      reviewerId: 'alice',
      decidedAt: '2025-01-01T10:00:00.000Z',
      reason: 'No Python used in a role',
      notes: 'check again',
      reportVersion: { reportId: 'report-0123', schemaVersion: '1.0.0', profileVersion: '1.0.0' },
    });
  });

  it('refuses an unknown decision kind and a malformed reviewer id', () => {
    expect(() => makeDecision({ reviewerId: 'alice', decision: 'hire' }, context())).toThrow(/advance, hold or decline/);
    expect(() => makeDecision({ reviewerId: '', decision: 'hold' }, context())).toThrow(/reviewer id/);
  });
});

describe('decision history', () => {
  it('appends a changed decision instead of overwriting, pointing at the one it changes', () => {
    const first = makeDecision({ reviewerId: 'alice', decision: 'hold' }, context());
    const history = appendDecision([], first);
    const second = makeDecision({ reviewerId: 'alice', decision: 'advance' }, context(history, '2025-01-02T10:00:00.000Z', 'decision-2'));
    const updated = appendDecision(history, second);
    expect(history).toEqual([first]);
    expect(updated).toEqual([first, second]);
    expect(second.supersedes).toBe(first.decisionId);
  });

  it('current decisions are the latest of each reviewer; the latest overall is the newest', () => {
    const alice1 = makeDecision({ reviewerId: 'alice', decision: 'hold' }, context([], '2025-01-01T10:00:00.000Z', 'a1'));
    const bob = makeDecision({ reviewerId: 'bob', decision: 'decline', reason: 'x' }, context([], '2025-01-01T11:00:00.000Z', 'b1'));
    const alice2 = makeDecision({ reviewerId: 'alice', decision: 'advance' }, context([alice1], '2025-01-01T12:00:00.000Z', 'a2'));
    const history = [alice1, bob, alice2];
    expect(currentByReviewer(history).map((decision) => decision.decisionId).sort()).toEqual(['a2', 'b1']);
    expect(latestDecision(history)?.decisionId).toBe('a2');
  });
});
