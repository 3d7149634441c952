import type { AuditEntry } from './audit.schema';
import { toCsv } from './csv';

export const AUDIT_CSV_COLUMNS = ['at', 'action', 'actor', 'batchId', 'resumeId', 'reportId', 'decision', 'decisionId', 'detail'] as const;

/** The audit log as CSV, oldest first, one row per entry, columns fixed (AUDIT_CSV_COLUMNS). */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  return toCsv(
    AUDIT_CSV_COLUMNS,
    entries.map((entry) => AUDIT_CSV_COLUMNS.map((column) => entry[column])),
  );
}

export interface AuditExport {
  kind: 'resume-evidence.audit';
  batchId: string;
  exportedAt: string;
  entries: AuditEntry[];
}

export function auditToJson(batchId: string, entries: readonly AuditEntry[], exportedAt: string): AuditExport {
  return { kind: 'resume-evidence.audit', batchId, exportedAt, entries: [...entries] };
}
