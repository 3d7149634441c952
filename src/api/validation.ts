import type { z } from 'zod';
import { describeIssues } from '../zod-issues';
import { ApiError } from './http-errors';

/** zod at the boundary: a failure names each bad field ("data.fileName: expected string"). */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues.slice(0, 5), '(root)').join('; ');
  throw new ApiError('INVALID_INPUT', `Invalid ${what}: ${issues}`);
}

export function parseJsonBuffer(raw: Buffer, what: string): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new ApiError('INVALID_INPUT', `Invalid ${what}: the body is not valid JSON.`);
  }
}
