import { availableParallelism } from 'node:os';

/**
 * How much one file may cost to parse. A hostile file (a content-stream bomb, a PDF whose
 * operators loop, a zip that unpacks to gigabytes) must end with an error report, never a hung or
 * crashed worker. The limits apply per file, in the thread that parses it.
 */
export interface ExtractBudget {
  /** Wall-clock limit for one file once a thread starts on it, in ms. Default 20000. */
  timeoutMs: number;
  /** V8 old-generation heap limit of an extraction thread, in MB. Default 512. */
  maxOldGenerationSizeMb: number;
}

export const DEFAULT_EXTRACT_BUDGET: Readonly<ExtractBudget> = Object.freeze({ timeoutMs: 20_000, maxOldGenerationSizeMb: 512 });

export interface ExtractPoolOptions extends Partial<ExtractBudget> {
  /** Threads kept at most; files beyond that wait their turn. Default: the number of CPUs. */
  size?: number;
  /** An idle thread is ended after this many ms (it holds pdf.js's memory). Default 10000. */
  idleMs?: number;
}

export interface ResolvedPoolOptions extends ExtractBudget {
  size: number;
  idleMs: number;
}

export function resolvePoolOptions(options: ExtractPoolOptions = {}): ResolvedPoolOptions {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_EXTRACT_BUDGET.timeoutMs,
    maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DEFAULT_EXTRACT_BUDGET.maxOldGenerationSizeMb,
    size: Math.max(1, options.size ?? availableParallelism()),
    idleMs: options.idleMs ?? 10_000,
  };
}
