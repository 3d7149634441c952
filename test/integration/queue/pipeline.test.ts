import { defaultProfile } from '../../../src/profile/load-profile';
import { screenFile } from '../../../src/pipeline/screen-file';
import { stageJobId } from '../../../src/queue/ids';
import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../../../src/queue/job-names';
import { startStack, waitForBatch, type QueueStack } from './queue-stack';
import { scanKeys } from './redis-helper';
import { corruptPdf, sampleResumes } from './sample-resumes';

describe('queue pipeline (real Redis)', () => {
  let stack: QueueStack;
  const profile = defaultProfile();

  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.stop();
  });

  function screenQueue(): Queue {
    return new Queue(QUEUE_NAMES.screen, { connection: stack.redis, prefix: stack.prefix });
  }

  it('gives every submitted file one report, equal to screening it in-process', async () => {
    const files = sampleResumes(3);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const submitted = [];
    for (const file of files) {
      submitted.push(await stack.service.submitFile({ ...file, profileId: profile.id, batchId, origin: 'upload' }));
    }
    const status = await waitForBatch(stack.service, batchId);
    expect(status.counts).toMatchObject({ total: files.length, queued: 0, running: 0 });

    for (const [index, file] of files.entries()) {
      const result = submitted[index]!;
      expect(result.deduplicated).toBe(false);
      const queued = await stack.service.getReport(result.reportId);
      const inProcess = await screenFile(file, profile, { maxBytes: stack.config.maxFileBytes });
      expect(queued).toEqual(inProcess.report);
    }
    // One report per file, none twice.
    expect(await scanKeys(stack.redis, `${stack.prefix}:report-index:*`)).toHaveLength(files.length);
  });

  it('screens the same bytes once and points a second submission at the same report', async () => {
    const [file] = sampleResumes(1);
    const first = await stack.service.createBatch({ profileId: profile.id });
    const second = await stack.service.createBatch({ profileId: profile.id });
    const a = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId: first.batchId, origin: 'upload' });
    const b = await stack.service.submitFile({ ...file!, fileName: 'renamed-copy.txt', profileId: profile.id, batchId: first.batchId, origin: 'upload' });
    await waitForBatch(stack.service, first.batchId);
    const c = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId: second.batchId, origin: 'greenhouse' });

    expect(a.deduplicated).toBe(false);
    expect(b).toEqual({ ...a, deduplicated: true });
    expect(c).toEqual({ ...a, deduplicated: true });
    const secondStatus = await stack.service.getBatchStatus(second.batchId);
    expect(secondStatus?.files).toEqual([expect.objectContaining({ reportId: a.reportId, state: 'done' })]);

    const queue = screenQueue();
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(counts).toEqual({ completed: 1, failed: 0, waiting: 0, active: 0, delayed: 0 });
    } finally {
      await queue.close();
    }
    expect(await scanKeys(stack.redis, `${stack.prefix}:report-index:*`)).toEqual([`${stack.prefix}:report-index:${a.reportId}`]);
  });

  it('stores an error report for a file that can never be read and does not retry it', async () => {
    const file = corruptPdf();
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const { reportId } = await stack.service.submitFile({ ...file, profileId: profile.id, batchId, origin: 'upload' });
    const status = await waitForBatch(stack.service, batchId);

    const report = await stack.service.getReport(reportId);
    expect(report?.status).toBe('error');
    const expected = await screenFile(file, profile, { maxBytes: stack.config.maxFileBytes });
    expect(report).toEqual(expected.report);
    expect(status.files[0]).toMatchObject({ state: 'failed', error: { code: expected.report.status === 'error' ? expected.report.error.code : '' } });
    expect(status.files[0]?.error?.code).not.toBe('INTERNAL');

    const queue = screenQueue();
    try {
      const job = await queue.getJob(stageJobId('screen', reportId));
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
    } finally {
      await queue.close();
    }
  });

  it('erases every key of a candidate, found by its ATS id', async () => {
    const [file, other] = sampleResumes(2);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const erased = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'lever', externalCandidateId: 'lever-cand-42' });
    const kept = await stack.service.submitFile({ ...other!, profileId: profile.id, batchId, origin: 'lever', externalCandidateId: 'lever-cand-43' });
    await waitForBatch(stack.service, batchId);

    const { deleted } = await stack.service.eraseCandidate({ externalCandidateId: 'lever-cand-42' });
    expect(deleted).toEqual(expect.arrayContaining([`${stack.prefix}:{${erased.resumeId}}:bytes`, `${stack.prefix}:{${erased.resumeId}}:report:${erased.reportId}`]));

    const remaining = await scanKeys(stack.redis, `${stack.prefix}:*`);
    expect(remaining.filter((key) => key.includes(erased.resumeId) || key.includes(erased.reportId) || key.includes('lever-cand-42'))).toEqual([]);
    // No hash left (batch entries, BullMQ job data) mentions the résumé either.
    for (const key of remaining) {
      if ((await stack.redis.type(key)) !== 'hash') continue;
      expect(JSON.stringify(await stack.redis.hgetall(key))).not.toContain(erased.resumeId);
    }
    expect(await stack.service.getReport(erased.reportId)).toBeNull();
    expect(await stack.service.getReport(kept.reportId)).not.toBeNull();
    const status = await stack.service.getBatchStatus(batchId);
    expect(status?.files.map((entry) => entry.reportId)).toEqual([kept.reportId]);
  });
});
