import type { Report } from './report.schema';

/** Stable JSON: the report's own key order, two-space indent, trailing newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
