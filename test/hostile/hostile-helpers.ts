import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '../../src/errors';
import type { Report } from '../../src/report/report.schema';

export const HOSTILE_DIR = join(__dirname, '../../fixtures/hostile');

export interface ManifestEntry {
  file: string;
  expect: 'ok' | ErrorCode;
  sameLevelsAs?: string;
  notes: string;
}

/** The committed hostile fixtures (fixtures/hostile/generate.ts writes them). */
export function hostileManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(HOSTILE_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

export function hostileFile(name: string): { fileName: string; bytes: Uint8Array } {
  return { fileName: name, bytes: new Uint8Array(readFileSync(join(HOSTILE_DIR, 'files', name))) };
}

export type OkReport = Extract<Report, { status: 'ok' }>;

export function expectOk(report: Report): OkReport {
  if (report.status !== 'ok') throw new Error(`expected an ok report, got ${report.error.code}: ${report.error.message}`);
  return report;
}

const ORDER = ['none', 'mentioned', 'used', 'strong'] as const;
export function rank(level: string): number {
  return ORDER.indexOf(level as (typeof ORDER)[number]);
}

/** Every quote the report uses as evidence (requirement items), to check hidden text never is one. */
export function evidenceQuotes(report: OkReport): string[] {
  return report.requirements.flatMap((requirement) => requirement.items.map((item) => item.quote));
}
