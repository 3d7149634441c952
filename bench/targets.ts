import { round } from './stats';

/** One target of the "Benchmark and speed" issue, checked by the bench (never by unit tests). */
export interface TargetCheck {
  id: string;
  description: string;
  /** The limit, in the unit of `measured`. */
  limit: number;
  measured: number | null;
  /** `max`: measured must be ≤ limit; `min`: ≥ limit. */
  direction: 'max' | 'min';
  unit: string;
  /** PASS / MISS, or SKIPPED when the part that measures it did not run. */
  status: 'PASS' | 'MISS' | 'SKIPPED';
  /** For a MISS: how far off, as a share of the limit. */
  missBy?: string;
  note?: string;
}

export function checkTarget(input: Omit<TargetCheck, 'status' | 'missBy'>): TargetCheck {
  if (input.measured === null || Number.isNaN(input.measured)) return { ...input, status: 'SKIPPED' };
  const met = input.direction === 'max' ? input.measured <= input.limit : input.measured >= input.limit;
  if (met) return { ...input, measured: round(input.measured), status: 'PASS' };
  const off = Math.abs(input.measured - input.limit) / Math.abs(input.limit);
  return { ...input, measured: round(input.measured), status: 'MISS', missBy: `${round(off * 100, 1)}% ${input.direction === 'max' ? 'over' : 'under'} the limit` };
}
