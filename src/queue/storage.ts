import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DocumentSchema, type ExtractedDocument } from '../extract/document.schema';
import { ReportSchema, type Report } from '../report/report.schema';

/**
 * Everything the queue keeps, in Redis, under `${prefix}:`. All keys of one résumé share the hash
 * tag `{resume-<sha256>}` so they live on one Cluster slot (erasure and MULTI stay single-slot).
 * Every key gets TTL = retention: nothing outlives the retention period, even if never erased.
 *
 *   {rid}:bytes              the uploaded file (deleted by erasure, expires with retention)
 *   {rid}:source             { fileName, sha256, bytes } of the first upload
 *   {rid}:document           the extracted document (shared by all profiles)
 *   {rid}:evidence:<report>  (older versions only: evidence is built inside the screen job;
 *                            such keys expire with retention and erasure removes them by SCAN)
 *   {rid}:report:<report>    the report
 *   {rid}:reports            set of its report ids (all profiles)
 *   {rid}:status             hash report id → file state
 *   {rid}:batches            set of batch ids it was submitted in
 *   {rid}:external           set of external (ATS) candidate ids
 *   report-index:<report>    report id → resume id (getReport by id)
 *   external:{<id>}          set of resume ids of an ATS candidate
 *   batch:{<id>}             batch metadata; batch:{<id>}:files hash report id → file entry;
 *   batch:{<id>}:callbacks   hash report id → callback delivery state
 *   delivery:<origin>:<id>   webhook delivery claimed (dedupe)
 */

export const FileStateSchema = z.object({
  state: z.enum(['queued', 'running', 'done', 'failed']),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  updatedAt: z.string(),
});
export type FileState = z.infer<typeof FileStateSchema>;

export const SourceRecordSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int().min(0),
});
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

export const BatchMetaSchema = z.object({
  batchId: z.string(),
  profileId: z.string(),
  createdAt: z.string(),
  callbackUrl: z.string().optional(),
});
export type BatchMeta = z.infer<typeof BatchMetaSchema>;

export const BatchFileSchema = z.object({
  resumeId: z.string(),
  reportId: z.string(),
  fileName: z.string(),
  origin: z.string(),
  externalCandidateId: z.string().optional(),
  callbackUrl: z.string().optional(),
  addedAt: z.string(),
});
export type BatchFile = z.infer<typeof BatchFileSchema>;

export const CallbackStateSchema = z.object({
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
});
export type CallbackState = z.infer<typeof CallbackStateSchema>;

function parseJson<T>(schema: z.ZodType<T>, raw: string | null | undefined): T | null {
  if (raw === null || raw === undefined) return null;
  return schema.parse(JSON.parse(raw));
}

export class QueueStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  // ── keys ──────────────────────────────────────────────────────────────────────────────────
  resumeKey(resumeId: string, part: string): string {
    return `${this.prefix}:{${resumeId}}:${part}`;
  }
  reportIndexKey(reportId: string): string {
    return `${this.prefix}:report-index:${reportId}`;
  }
  externalKey(externalCandidateId: string): string {
    return `${this.prefix}:external:{${externalCandidateId}}`;
  }
  batchKey(batchId: string, part?: 'files' | 'callbacks'): string {
    return part ? `${this.prefix}:batch:{${batchId}}:${part}` : `${this.prefix}:batch:{${batchId}}`;
  }
  deliveryKey(origin: string, deliveryId: string): string {
    return `${this.prefix}:delivery:${origin}:${deliveryId}`;
  }

  // ── résumé data ───────────────────────────────────────────────────────────────────────────
  async putBytes(resumeId: string, bytes: Uint8Array): Promise<void> {
    await this.redis.set(this.resumeKey(resumeId, 'bytes'), Buffer.from(bytes), 'EX', this.ttlSeconds);
  }
  async getBytes(resumeId: string): Promise<Buffer | null> {
    return this.redis.getBuffer(this.resumeKey(resumeId, 'bytes'));
  }
  /** The first upload's name wins: a report's source never changes under it. */
  async putSource(resumeId: string, source: SourceRecord): Promise<void> {
    await this.redis.set(this.resumeKey(resumeId, 'source'), JSON.stringify(source), 'EX', this.ttlSeconds, 'NX');
  }
  async getSource(resumeId: string): Promise<SourceRecord | null> {
    return parseJson(SourceRecordSchema, await this.redis.get(this.resumeKey(resumeId, 'source')));
  }
  /**
   * What a screen job needs first, in one round trip: is the report already stored, the source
   * record, and the extracted document when an earlier profile stored one (validated: Redis is a
   * boundary).
   */
  async readForScreening(resumeId: string, reportId: string): Promise<{ hasReport: boolean; source: SourceRecord | null; document: ExtractedDocument | null }> {
    // Sent together (ioredis writes each command at once), answered in one round trip.
    const [reports, source, document] = await Promise.all([
      this.redis.exists(this.resumeKey(resumeId, `report:${reportId}`)),
      this.redis.get(this.resumeKey(resumeId, 'source')),
      this.redis.get(this.resumeKey(resumeId, 'document')),
    ]);
    return {
      hasReport: reports === 1,
      source: parseJson(SourceRecordSchema, source),
      document: reports === 1 ? null : parseJson(DocumentSchema, document),
    };
  }

  /**
   * Stores a report (ok or error) and marks the file done/failed, in one transaction; with
   * `document`, the extracted document too (shared by every profile's report of this file).
   */
  async putReport(resumeId: string, reportId: string, report: Report, document?: ExtractedDocument): Promise<void> {
    const state: FileState =
      report.status === 'ok'
        ? { state: 'done', updatedAt: new Date().toISOString() }
        : { state: 'failed', error: report.error, updatedAt: new Date().toISOString() };
    const reports = this.resumeKey(resumeId, 'reports');
    const status = this.resumeKey(resumeId, 'status');
    const transaction = this.redis.multi();
    if (document) transaction.set(this.resumeKey(resumeId, 'document'), JSON.stringify(document), 'EX', this.ttlSeconds);
    transaction
      .set(this.resumeKey(resumeId, `report:${reportId}`), JSON.stringify(report), 'EX', this.ttlSeconds)
      .sadd(reports, reportId)
      .expire(reports, this.ttlSeconds)
      .hset(status, reportId, JSON.stringify(state))
      .expire(status, this.ttlSeconds);
    // The index key is on another Cluster slot: not in the transaction, but sent with it.
    await Promise.all([transaction.exec(), this.redis.set(this.reportIndexKey(reportId), resumeId, 'EX', this.ttlSeconds)]);
  }
  async getReportOf(resumeId: string, reportId: string): Promise<Report | null> {
    return parseJson(ReportSchema, await this.redis.get(this.resumeKey(resumeId, `report:${reportId}`)));
  }
  async hasReport(resumeId: string, reportId: string): Promise<boolean> {
    return (await this.redis.exists(this.resumeKey(resumeId, `report:${reportId}`))) === 1;
  }
  async resumeIdOfReport(reportId: string): Promise<string | null> {
    return this.redis.get(this.reportIndexKey(reportId));
  }

  /** Sets the state unless one exists; returns true when this call created it (first submission). */
  async initState(resumeId: string, reportId: string): Promise<boolean> {
    const key = this.resumeKey(resumeId, 'status');
    const state: FileState = { state: 'queued', updatedAt: new Date().toISOString() };
    const [created] = await Promise.all([this.redis.hsetnx(key, reportId, JSON.stringify(state)), this.redis.expire(key, this.ttlSeconds)]);
    return created === 1;
  }
  async setState(resumeId: string, reportId: string, state: FileState): Promise<void> {
    const key = this.resumeKey(resumeId, 'status');
    await this.redis.multi().hset(key, reportId, JSON.stringify(state)).expire(key, this.ttlSeconds).exec();
  }
  async getState(resumeId: string, reportId: string): Promise<FileState | null> {
    return parseJson(FileStateSchema, await this.redis.hget(this.resumeKey(resumeId, 'status'), reportId));
  }

  // ── batches ───────────────────────────────────────────────────────────────────────────────
  async createBatch(meta: BatchMeta): Promise<void> {
    await this.redis.set(this.batchKey(meta.batchId), JSON.stringify(meta), 'EX', this.ttlSeconds, 'NX');
  }
  async getBatch(batchId: string): Promise<BatchMeta | null> {
    return parseJson(BatchMetaSchema, await this.redis.get(this.batchKey(batchId)));
  }
  async addToBatch(batchId: string, file: BatchFile): Promise<void> {
    const files = this.batchKey(batchId, 'files');
    const batches = this.resumeKey(file.resumeId, 'batches');
    // Two keys on two slots: separate transactions, each idempotent, both written before this
    // returns to the event loop (submitFile relies on that order; see there).
    await Promise.all([
      this.redis.multi().hset(files, file.reportId, JSON.stringify(file)).expire(files, this.ttlSeconds).exec(),
      this.redis.multi().sadd(batches, batchId).expire(batches, this.ttlSeconds).exec(),
    ]);
  }
  async listBatchFiles(batchId: string): Promise<BatchFile[]> {
    const entries = await this.redis.hgetall(this.batchKey(batchId, 'files'));
    return Object.values(entries)
      .map((raw) => BatchFileSchema.parse(JSON.parse(raw)))
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.reportId.localeCompare(b.reportId));
  }
  async getBatchFile(batchId: string, reportId: string): Promise<BatchFile | null> {
    return parseJson(BatchFileSchema, await this.redis.hget(this.batchKey(batchId, 'files'), reportId));
  }
  async batchesOf(resumeId: string): Promise<string[]> {
    return this.redis.smembers(this.resumeKey(resumeId, 'batches'));
  }
  async setCallbackState(batchId: string, reportId: string, state: CallbackState): Promise<void> {
    const key = this.batchKey(batchId, 'callbacks');
    await this.redis.multi().hset(key, reportId, JSON.stringify(state)).expire(key, this.ttlSeconds).exec();
  }
  async getCallbackState(batchId: string, reportId: string): Promise<CallbackState | null> {
    return parseJson(CallbackStateSchema, await this.redis.hget(this.batchKey(batchId, 'callbacks'), reportId));
  }
  async getCallbackStates(batchId: string): Promise<Map<string, CallbackState>> {
    const entries = await this.redis.hgetall(this.batchKey(batchId, 'callbacks'));
    return new Map(Object.entries(entries).map(([reportId, raw]) => [reportId, CallbackStateSchema.parse(JSON.parse(raw))]));
  }

  // ── external ids, webhook dedupe ──────────────────────────────────────────────────────────
  async linkExternal(externalCandidateId: string, resumeId: string): Promise<void> {
    const byExternal = this.externalKey(externalCandidateId);
    const byResume = this.resumeKey(resumeId, 'external');
    await Promise.all([
      this.redis.multi().sadd(byExternal, resumeId).expire(byExternal, this.ttlSeconds).exec(),
      this.redis.multi().sadd(byResume, externalCandidateId).expire(byResume, this.ttlSeconds).exec(),
    ]);
  }
  async resumeIdsOfExternal(externalCandidateId: string): Promise<string[]> {
    return this.redis.smembers(this.externalKey(externalCandidateId));
  }
  async claimDelivery(origin: string, deliveryId: string): Promise<boolean> {
    const result = await this.redis.set(this.deliveryKey(origin, deliveryId), '1', 'EX', this.ttlSeconds, 'NX');
    return result === 'OK';
  }

  // ── erasure ───────────────────────────────────────────────────────────────────────────────
  /**
   * Deletes everything of one résumé: its keys (bytes, document, evidence, every report of every
   * profile, states), its report index entries, its batch entries and external-id links. Returns
   * what was removed: key names, and `key#field` for entries removed from shared hashes/sets.
   */
  async eraseResume(resumeId: string): Promise<{ deleted: string[]; reportIds: string[]; batchIds: string[] }> {
    const reportIds = await this.redis.smembers(this.resumeKey(resumeId, 'reports'));
    const stateIds = await this.redis.hkeys(this.resumeKey(resumeId, 'status'));
    const allReportIds = [...new Set([...reportIds, ...stateIds])];
    const batchIds = await this.batchesOf(resumeId);
    const externalIds = await this.redis.smembers(this.resumeKey(resumeId, 'external'));
    const deleted: string[] = [];

    // Every key carrying the résumé's hash tag, found by SCAN so nothing written later is missed.
    const tagged: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:{${resumeId}}:*`, 'COUNT', 500);
      cursor = next;
      tagged.push(...keys);
    } while (cursor !== '0');
    for (const key of [...new Set(tagged)]) {
      if ((await this.redis.del(key)) === 1) deleted.push(key);
    }
    for (const reportId of allReportIds) {
      const key = this.reportIndexKey(reportId);
      if ((await this.redis.del(key)) === 1) deleted.push(key);
    }
    for (const batchId of batchIds) {
      for (const reportId of allReportIds) {
        for (const part of ['files', 'callbacks'] as const) {
          const key = this.batchKey(batchId, part);
          if ((await this.redis.hdel(key, reportId)) === 1) deleted.push(`${key}#${reportId}`);
        }
      }
    }
    for (const externalId of externalIds) {
      const key = this.externalKey(externalId);
      if ((await this.redis.srem(key, resumeId)) === 1) deleted.push(`${key}#${resumeId}`);
    }
    return { deleted, reportIds: allReportIds, batchIds };
  }
}
