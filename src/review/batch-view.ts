import { LEVELS, levelRank, type Level } from '../evidence/evidence.schema';
import { DECISION_KINDS, type Decision, type DecisionKind } from './decision.schema';

/**
 * Filtering and sorting of the batch page, driven by query parameters so they work without
 * JavaScript. There is no overall order by merit: the default order is by name (or pseudonym), and
 * sorting is by one requirement's level at a time, as the reviewer asks.
 *
 *   sort=<requirement id>|candidate   dir=asc|desc
 *   min-<requirement id>=mentioned|used|strong   (at least this level)
 *   flag=any|none|<FLAG_CODE>         decision=none|advance|hold|decline
 */
export interface BatchQuery {
  sort: string;
  dir: 'asc' | 'desc';
  min: Record<string, Level>;
  flag?: string;
  decision?: DecisionKind | 'none';
}

export interface BatchRow {
  reportId: string;
  resumeId: string;
  label: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** Level per requirement; empty until the report exists or when the file was unreadable. */
  levels: Record<string, Level>;
  /** Flag codes, "UNREADABLE:<code>" for a file that could not be read. */
  flags: string[];
  latest?: Decision;
}

const FLAG_PATTERN = /^[A-Z][A-Z0-9_:-]{0,60}$/;

export function parseBatchQuery(query: Record<string, unknown>, requirementIds: readonly string[]): BatchQuery {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const sortValue = text(query.sort);
  const sort = sortValue !== undefined && (sortValue === 'candidate' || requirementIds.includes(sortValue)) ? sortValue : 'candidate';
  const dir = text(query.dir) === 'desc' ? 'desc' : 'asc';
  const min: Record<string, Level> = {};
  for (const id of requirementIds) {
    const value = text(query[`min-${id}`]);
    if (value !== undefined && (LEVELS as readonly string[]).includes(value) && value !== 'none') min[id] = value as Level;
  }
  const flagValue = text(query.flag);
  const flag = flagValue === 'any' || flagValue === 'none' || (flagValue !== undefined && FLAG_PATTERN.test(flagValue)) ? flagValue : undefined;
  const decisionValue = text(query.decision);
  const decision = decisionValue === 'none' || (DECISION_KINDS as readonly string[]).includes(decisionValue ?? '') ? (decisionValue as DecisionKind | 'none') : undefined;
  return { sort, dir, min, ...(flag === undefined ? {} : { flag }), ...(decision === undefined ? {} : { decision }) };
}

function matches(row: BatchRow, query: BatchQuery): boolean {
  for (const [id, level] of Object.entries(query.min)) {
    const actual = row.levels[id];
    if (actual === undefined || levelRank(actual) < levelRank(level)) return false;
  }
  if (query.flag === 'any' && row.flags.length === 0) return false;
  if (query.flag === 'none' && row.flags.length > 0) return false;
  if (query.flag !== undefined && query.flag !== 'any' && query.flag !== 'none' && !row.flags.some((flag) => flag === query.flag || flag.startsWith(`${query.flag}:`))) return false;
  if (query.decision === 'none' && row.latest !== undefined) return false;
  if (query.decision !== undefined && query.decision !== 'none' && row.latest?.decision !== query.decision) return false;
  return true;
}

/** The rows to show: filtered, then sorted by the chosen column (ties and the default: by label). */
export function applyBatchQuery(rows: readonly BatchRow[], query: BatchQuery): BatchRow[] {
  const byLabel = (a: BatchRow, b: BatchRow): number => a.label.localeCompare(b.label, 'en') || a.reportId.localeCompare(b.reportId);
  const direction = query.dir === 'desc' ? -1 : 1;
  const rank = (row: BatchRow): number => {
    const level = row.levels[query.sort];
    return level === undefined ? -1 : levelRank(level);
  };
  return rows
    .filter((row) => matches(row, query))
    .sort((a, b) => {
      if (query.sort === 'candidate') return direction * byLabel(a, b);
      return direction * (rank(a) - rank(b)) || byLabel(a, b);
    });
}

/** The query string of `query` with some parameters changed, for sort links that keep the filters. */
export function batchQueryString(query: BatchQuery, change: Partial<Pick<BatchQuery, 'sort' | 'dir'>> = {}): string {
  const params = new URLSearchParams();
  const merged = { ...query, ...change };
  if (merged.sort !== 'candidate' || merged.dir !== 'asc') {
    params.set('sort', merged.sort);
    params.set('dir', merged.dir);
  }
  for (const [id, level] of Object.entries(merged.min)) params.set(`min-${id}`, level);
  if (merged.flag !== undefined) params.set('flag', merged.flag);
  if (merged.decision !== undefined) params.set('decision', merged.decision);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
