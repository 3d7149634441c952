import { z } from 'zod';
import { ResumeEvidenceError } from '../../errors';
import { DEFAULT_EXTRACT_BUDGET, type ExtractBudget } from './budget-options';

/**
 * How the extract worker hands its budget to its sandboxed child processes: through the child's
 * environment, next to `workerEnvironment(config)`, and parsed back once when the child starts.
 */
const BudgetEnvironmentSchema = z.object({
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(100).default(DEFAULT_EXTRACT_BUDGET.timeoutMs),
  EXTRACT_MAX_MEMORY_MB: z.coerce.number().int().min(32).default(DEFAULT_EXTRACT_BUDGET.maxOldGenerationSizeMb),
});

export function budgetEnvironment(budget: ExtractBudget): Record<string, string> {
  return { EXTRACT_TIMEOUT_MS: String(budget.timeoutMs), EXTRACT_MAX_MEMORY_MB: String(budget.maxOldGenerationSizeMb) };
}

export function budgetFromEnvironment(env: NodeJS.ProcessEnv): ExtractBudget {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = BudgetEnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ResumeEvidenceError('INVALID_INPUT', `Invalid extraction budget:\n${lines.join('\n')}`);
  }
  return { timeoutMs: parsed.data.EXTRACT_TIMEOUT_MS, maxOldGenerationSizeMb: parsed.data.EXTRACT_MAX_MEMORY_MB };
}
