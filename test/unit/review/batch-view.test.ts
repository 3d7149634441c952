import { applyBatchQuery, batchQueryString, parseBatchQuery, type BatchRow } from '../../../src/review/batch-view';

const rows: BatchRow[] = [
  { reportId: 'report-1', resumeId: 'r1', label: 'b.pdf', state: 'done', levels: { rl: 'strong', python: 'none' }, flags: [] },
  { reportId: 'report-2', resumeId: 'r2', label: 'a.pdf', state: 'done', levels: { rl: 'mentioned', python: 'used' }, flags: ['HIDDEN_TEXT'] },
  { reportId: 'report-3', resumeId: 'r3', label: 'c.pdf', state: 'failed', levels: {}, flags: ['UNREADABLE:EMPTY_FILE'] },
];

describe('batch page query', () => {
  it('orders by name by default: never by an overall score', () => {
    expect(applyBatchQuery(rows, parseBatchQuery({}, ['rl', 'python'])).map((row) => row.label)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
  });

  it('sorts by one requirement level and filters by a minimum level', () => {
    const sorted = applyBatchQuery(rows, parseBatchQuery({ sort: 'rl', dir: 'desc' }, ['rl', 'python']));
    expect(sorted.map((row) => row.label)).toEqual(['b.pdf', 'a.pdf', 'c.pdf']);
    expect(applyBatchQuery(rows, parseBatchQuery({ 'min-python': 'used' }, ['rl', 'python'])).map((row) => row.label)).toEqual(['a.pdf']);
  });

  it('filters by flag, including unreadable files by their flag prefix', () => {
    expect(applyBatchQuery(rows, parseBatchQuery({ flag: 'UNREADABLE' }, ['rl'])).map((row) => row.label)).toEqual(['c.pdf']);
    expect(applyBatchQuery(rows, parseBatchQuery({ flag: 'none' }, ['rl'])).map((row) => row.label)).toEqual(['b.pdf']);
  });

  it('ignores unknown sort columns and levels, and keeps filters in sort links', () => {
    const query = parseBatchQuery({ sort: 'score', 'min-rl': 'excellent', 'min-python': 'used' }, ['rl', 'python']);
    expect(query.sort).toBe('candidate');
    expect(query.min).toEqual({ python: 'used' });
    expect(batchQueryString(query, { sort: 'rl', dir: 'desc' })).toBe('?sort=rl&dir=desc&min-python=used');
  });
});
