import { createHash } from 'node:crypto';
import type { Profile } from '../profile/profile.schema';

/**
 * Ids are derived from content, never random: the same bytes screened against the same profile
 * version always land on the same report and the same BullMQ job ids, so a retry, a duplicate
 * upload or a replayed webhook overwrites instead of duplicating.
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function resumeIdFor(sha256: string): string {
  return `resume-${sha256}`;
}

export function reportIdFor(sha256: string, profile: Pick<Profile, 'id' | 'version'>): string {
  return `report-${sha256Hex(`${sha256}:${profile.id}@${profile.version}`).slice(0, 32)}`;
}

/** BullMQ job ids: no ":" (BullMQ key separator) and never all digits (BullMQ's own ids). */
export function stageJobId(stage: 'screen', reportId: string): string {
  return `${stage}-${reportId}`;
}

export function callbackJobId(batchId: string, reportId: string): string {
  return `callback-${batchId}-${reportId}`;
}

export const RESUME_ID_PATTERN = /^resume-[0-9a-f]{64}$/;
export const REPORT_ID_PATTERN = /^report-[0-9a-f]{32}$/;
/** Batch ids are ours (`batch-<uuid>`) or an API caller's; either way no ":" or braces. */
export const BATCH_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
