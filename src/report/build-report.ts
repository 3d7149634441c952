import { createHash } from 'node:crypto';
import { version as generatorVersion } from '../../package.json';
import type { ExtractedDocument } from '../extract/document.schema';
import type { Evidence } from '../evidence/evidence.schema';
import type { Profile } from '../profile/profile.schema';
import {
  REPORT_SCHEMA_VERSION,
  type ErrorReport,
  type OkReport,
  type ReportRequirement,
} from './report.schema';

export const REPORT_NOTICE =
  'Evidence for a human reviewer. This report does not rank, score or recommend; the decision is yours.';

export interface SourceFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface SourceInfo {
  fileName: string;
  sha256: string;
  bytes: number;
}

export function describeSource(file: SourceFile): SourceInfo {
  return {
    fileName: file.fileName,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes.byteLength,
  };
}

/**
 * A readable, stable id: the file's base name (slugged) plus the start of its hash, so the same
 * file always lands on the same report and two files with one name never collide.
 */
export function candidateIdFor(source: SourceInfo): string {
  const base = source.fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  const hash = source.sha256.slice(0, 10);
  return base ? `${base}-${hash}` : `resume-${hash}`;
}

function header(source: SourceInfo, profile: Profile) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    candidateId: candidateIdFor(source),
    source,
    profile: { id: profile.id, version: profile.version, title: profile.title },
    generator: { name: 'resume-evidence' as const, version: generatorVersion },
    notice: REPORT_NOTICE,
  };
}

export function buildReport(input: {
  source: SourceInfo;
  profile: Profile;
  document: ExtractedDocument;
  evidence: Evidence;
}): OkReport {
  const { source, profile, document, evidence } = input;
  const byId = new Map(evidence.requirements.map((found) => [found.requirementId, found]));
  const requirements: ReportRequirement[] = profile.requirements.map((requirement) => {
    const found = byId.get(requirement.id);
    if (!found) {
      throw new Error(`tagEvidence returned no entry for requirement "${requirement.id}"`);
    }
    const { requirementId: _unused, ...rest } = found;
    return {
      id: requirement.id,
      label: requirement.label,
      description: requirement.description,
      priority: requirement.priority,
      ...rest,
    };
  });
  return {
    ...header(source, profile),
    status: 'ok',
    document: {
      format: document.format,
      pages: document.pageCount,
      characters: document.characters,
      lines: document.lines.length,
      warnings: document.warnings,
    },
    requirements,
    levels: Object.fromEntries(requirements.map((requirement) => [requirement.id, requirement.level])),
    flags: evidence.flags,
    publications: evidence.publications,
    text: document.lines,
  };
}

export function buildErrorReport(input: {
  source: SourceInfo;
  profile: Profile;
  error: { code: string; message: string };
}): ErrorReport {
  return { ...header(input.source, input.profile), status: 'error', error: input.error };
}
