import { ResumeEvidenceError } from '../errors';
import { parseCsv } from './csv';
import type { DecisionKind } from './decision.schema';

/**
 * Selection rates and impact ratios of the HUMAN decisions per demographic category, the figures a
 * NYC Local Law 144 bias audit reports: selection rate = advanced / decided in the category;
 * impact ratio = the category's rate / the highest rate of its dimension. Categories come from a
 * self-reported file kept outside the screening path; they never touch a report.
 *
 * Small groups (fewer than SMALL_GROUP_MIN_COUNT people, or under SMALL_GROUP_SHARE of the decided
 * total) are marked: their rates are shown but not reliable, and they are left out when finding the
 * highest rate (the LL144 rules let an auditor exclude categories under 2% from that calculation),
 * unless every group of the dimension is small.
 */
export const SMALL_GROUP_MIN_COUNT = 5;
export const SMALL_GROUP_SHARE = 0.02;
export const NOT_REPORTED = '(not reported)';
const ID_COLUMNS = ['reportId', 'resumeId', 'candidateId', 'candidate', 'id'];

export interface DemographicRow {
  id: string;
  categories: Record<string, string>;
}

export interface Demographics {
  idColumn: string;
  dimensions: string[];
  rows: DemographicRow[];
}

/** Reads the demographics CSV: one id column (reportId, resumeId, candidateId, candidate or id), then one column per dimension. */
export function parseDemographicsCsv(text: string): Demographics {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new ResumeEvidenceError('INVALID_INPUT', 'The demographics CSV is empty; it needs a header row: an id column, then one column per category.');
  const columns = header.map((column) => column.trim());
  const idIndex = columns.findIndex((column) => ID_COLUMNS.includes(column));
  if (idIndex < 0) {
    throw new ResumeEvidenceError('INVALID_INPUT', `The demographics CSV has no id column; name one of its columns ${ID_COLUMNS.join(', ')}.`);
  }
  const dimensions = columns.filter((_, index) => index !== idIndex);
  if (dimensions.length === 0) throw new ResumeEvidenceError('INVALID_INPUT', 'The demographics CSV has no category column; add at least one (e.g. sex, race_ethnicity).');
  const rows = body.map((cells, rowIndex) => {
    const id = (cells[idIndex] ?? '').trim();
    if (id === '') throw new ResumeEvidenceError('INVALID_INPUT', `Demographics CSV row ${rowIndex + 2}: the ${columns[idIndex]} cell is empty.`);
    const categories: Record<string, string> = {};
    columns.forEach((column, index) => {
      if (index === idIndex) return;
      const value = (cells[index] ?? '').trim();
      categories[column] = value === '' ? NOT_REPORTED : value;
    });
    return { id, categories };
  });
  return { idColumn: columns[idIndex] ?? 'id', dimensions, rows };
}

export interface GroupRate {
  /** "sex", or "sex × race_ethnicity" for an intersection. */
  dimension: string;
  /** "Female", or "Female × Hispanic or Latino". */
  category: string;
  decided: number;
  advanced: number;
  selectionRate: number;
  /** Rate / highest rate of the dimension; null when the highest rate is 0. */
  impactRatio: number | null;
  small: boolean;
}

export interface SelectionAudit {
  /** People in the demographics file. */
  people: number;
  /** Of them, with a human decision. */
  decided: number;
  /** In the file but with no decision (not counted in any rate). */
  undecided: number;
  /** Decided candidates absent from the demographics file (not counted). */
  decisionsWithoutDemographics: number;
  groups: GroupRate[];
}

function dimensionSets(dimensions: readonly string[]): string[][] {
  const singles = dimensions.map((dimension) => [dimension]);
  return dimensions.length > 1 ? [...singles, [...dimensions]] : singles;
}

/**
 * @param outcomes candidate id (the same id as the demographics file) → the current human decision.
 */
export function selectionAudit(demographics: Demographics, outcomes: ReadonlyMap<string, DecisionKind>): SelectionAudit {
  const decidedRows = demographics.rows.filter((row) => outcomes.has(row.id));
  const known = new Set(demographics.rows.map((row) => row.id));
  const total = decidedRows.length;
  const groups: GroupRate[] = [];
  for (const set of dimensionSets(demographics.dimensions)) {
    const tally = new Map<string, { decided: number; advanced: number }>();
    for (const row of decidedRows) {
      const category = set.map((dimension) => row.categories[dimension] ?? NOT_REPORTED).join(' × ');
      const entry = tally.get(category) ?? { decided: 0, advanced: 0 };
      entry.decided += 1;
      if (outcomes.get(row.id) === 'advance') entry.advanced += 1;
      tally.set(category, entry);
    }
    const rows = [...tally.entries()].map(([category, counts]) => ({
      category,
      ...counts,
      selectionRate: counts.advanced / counts.decided,
      small: counts.decided < SMALL_GROUP_MIN_COUNT || counts.decided < SMALL_GROUP_SHARE * total,
    }));
    const reference = rows.some((row) => !row.small) ? rows.filter((row) => !row.small) : rows;
    const highest = Math.max(0, ...reference.map((row) => row.selectionRate));
    for (const row of rows.sort((a, b) => a.category.localeCompare(b.category))) {
      groups.push({ dimension: set.join(' × '), ...row, impactRatio: highest > 0 ? row.selectionRate / highest : null });
    }
  }
  return {
    people: demographics.rows.length,
    decided: total,
    undecided: demographics.rows.length - total,
    decisionsWithoutDemographics: [...outcomes.keys()].filter((id) => !known.has(id)).length,
    groups,
  };
}
