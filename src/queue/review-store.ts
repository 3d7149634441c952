import type { Redis } from 'ioredis';
import { z } from 'zod';
import { retentionSeconds, type AppConfig } from '../config';
import type { Logger } from '../logger';
import { AuditEntrySchema, type AuditEntry } from '../review/audit.schema';
import { DecisionSchema, type Decision } from '../review/decision.schema';
import { createRedis } from './redis-connection';

/**
 * Redis storage of the reviewer workspace, beside the queue's keys (same prefix, same hash tags):
 *
 *   batch:{<batch>}:review            review settings of a batch ({ blind, setAt, setBy })
 *   batch:{<batch>}:audit             the batch's audit log: a list, only ever RPUSHed
 *   {<resume>}:decisions:<batch>      one candidate's decisions in one batch: a list, only RPUSHed
 *   {<resume>}:reveals:<batch>        reviewer ids who revealed this candidate's identity
 *
 * Decisions and reveals carry the résumé's hash tag, so erasing the résumé (which deletes every key
 * with its tag) deletes them too. The audit log holds ids only and stays. Nothing here overwrites
 * or removes a decision or an audit entry: there is no method for it. Every key gets TTL = retention,
 * renewed on each append (the audit log lives RETENTION_DAYS past its last entry: export it).
 */
export const ReviewSettingsSchema = z.object({
  blind: z.boolean(),
  setAt: z.string(),
  setBy: z.string(),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

export class ReviewStore {
  private constructor(
    private readonly redis: Redis,
    private readonly ownsRedis: boolean,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  static create(config: AppConfig, deps: { logger: Logger; redis?: Redis }): ReviewStore {
    const redis = deps.redis ?? createRedis(config.redisUrl, deps.logger, 'review');
    return new ReviewStore(redis, deps.redis === undefined, config.keyPrefix, retentionSeconds(config));
  }

  settingsKey(batchId: string): string {
    return `${this.prefix}:batch:{${batchId}}:review`;
  }
  auditKey(batchId: string): string {
    return `${this.prefix}:batch:{${batchId}}:audit`;
  }
  decisionsKey(resumeId: string, batchId: string): string {
    return `${this.prefix}:{${resumeId}}:decisions:${batchId}`;
  }
  revealsKey(resumeId: string, batchId: string): string {
    return `${this.prefix}:{${resumeId}}:reveals:${batchId}`;
  }

  /** Blind review can be switched on, never off: a batch that started blind stays blind. */
  async enableBlind(batchId: string, actor: string, at: string): Promise<boolean> {
    const current = await this.getSettings(batchId);
    if (current?.blind === true) return false;
    const settings: ReviewSettings = { blind: true, setAt: at, setBy: actor };
    await this.redis.set(this.settingsKey(batchId), JSON.stringify(settings), 'EX', this.ttlSeconds);
    await this.appendAudit({ at, action: 'blind-review-on', actor, batchId, detail: 'blind=true' });
    return true;
  }

  async getSettings(batchId: string): Promise<ReviewSettings | null> {
    const raw = await this.redis.get(this.settingsKey(batchId));
    return raw === null ? null : ReviewSettingsSchema.parse(JSON.parse(raw));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const key = this.auditKey(entry.batchId);
    await this.redis.multi().rpush(key, JSON.stringify(AuditEntrySchema.parse(entry))).expire(key, this.ttlSeconds).exec();
  }

  async listAudit(batchId: string): Promise<AuditEntry[]> {
    const raw = await this.redis.lrange(this.auditKey(batchId), 0, -1);
    return raw.map((entry) => AuditEntrySchema.parse(JSON.parse(entry)));
  }

  /** Appends the decision to the candidate's history, then the audit entry (ids, no text). */
  async appendDecision(decision: Decision): Promise<void> {
    const key = this.decisionsKey(decision.resumeId, decision.batchId);
    await this.redis.multi().rpush(key, JSON.stringify(DecisionSchema.parse(decision))).expire(key, this.ttlSeconds).exec();
    const version = decision.reportVersion;
    await this.appendAudit({
      at: decision.decidedAt,
      action: 'decision',
      actor: decision.reviewerId,
      batchId: decision.batchId,
      resumeId: decision.resumeId,
      reportId: decision.reportId,
      decision: decision.decision,
      decisionId: decision.decisionId,
      detail: `report ${version.reportId} schema ${version.schemaVersion} profile ${version.profileId}@${version.profileVersion}${decision.supersedes ? ` supersedes ${decision.supersedes}` : ''}`,
    });
  }

  async listDecisions(resumeId: string, batchId: string): Promise<Decision[]> {
    const raw = await this.redis.lrange(this.decisionsKey(resumeId, batchId), 0, -1);
    return raw.map((entry) => DecisionSchema.parse(JSON.parse(entry)));
  }

  async reveal(input: { batchId: string; resumeId: string; reportId: string; reviewerId: string; at: string }): Promise<void> {
    const key = this.revealsKey(input.resumeId, input.batchId);
    await this.redis.multi().sadd(key, input.reviewerId).expire(key, this.ttlSeconds).exec();
    await this.appendAudit({ at: input.at, action: 'reveal', actor: input.reviewerId, batchId: input.batchId, resumeId: input.resumeId, reportId: input.reportId });
  }

  async isRevealed(resumeId: string, batchId: string, reviewerId: string): Promise<boolean> {
    return (await this.redis.sismember(this.revealsKey(resumeId, batchId), reviewerId)) === 1;
  }

  async close(): Promise<void> {
    if (this.ownsRedis) await this.redis.quit();
  }
}
