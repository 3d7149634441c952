import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { runWorkers } from '../../../src/cli/worker-command';
import { loadProfileRegistry } from '../../../src/profile/profile-registry';
import { defaultProfile } from '../../../src/profile/load-profile';
import { screenFile } from '../../../src/pipeline/screen-file';
import { stageJobId } from '../../../src/queue/ids';
import { QUEUE_NAMES, type Stage } from '../../../src/queue/job-names';
import { startStack, waitForBatch, type QueueStack } from './queue-stack';
import { scanKeys } from './redis-helper';
import { sampleResumes } from './sample-resumes';

/**
 * One résumé is ONE BullMQ job (`resume.screen`: extract, tag, report); the document is stored
 * with the report for other profiles, and no evidence is stored.
 */
describe('job structure: one screen job per file (real Redis)', () => {
  let stack: QueueStack;
  const profile = defaultProfile();
  const queues: Queue[] = [];
  const queue = (stage: Stage): Queue => {
    const opened = new Queue(QUEUE_NAMES[stage], { connection: stack.redis, prefix: stack.prefix });
    queues.push(opened);
    return opened;
  };

  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((opened) => opened.close()));
    await stack.stop();
  });

  it('runs one screen job per file, stores the document with the report and no evidence', async () => {
    const [file] = sampleResumes(1);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const { reportId, resumeId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'upload' });
    await waitForBatch(stack.service, batchId);

    expect(Object.keys(QUEUE_NAMES).sort()).toEqual(['callback', 'screen']);
    expect(await queue('screen').getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
    expect(await queue('screen').getJob(stageJobId('screen', reportId))).toBeDefined();
    expect(await scanKeys(stack.redis, `${stack.prefix}:*evidence*`)).toEqual([]);
    expect(await scanKeys(stack.redis, `${stack.prefix}:{${resumeId}}:document`)).toHaveLength(1);
    const inProcess = await screenFile(file!, profile, { maxBytes: stack.config.maxFileBytes });
    expect(await stack.service.getReport(reportId)).toEqual(inProcess.report);
  });

  it('reuses the stored document for a second profile: the bytes are not needed again', async () => {
    await stack.stop();
    const profilesDir = mkdtempSync(join(tmpdir(), 'profiles-'));
    try {
      const second = { ...JSON.parse(readFileSync(join(__dirname, '../../../profiles/research-engineer.json'), 'utf8')), id: 'second-profile' };
      writeFileSync(join(profilesDir, 'second.json'), JSON.stringify(second));
      stack = await startStack({ env: { PROFILES_DIR: profilesDir }, workers: false });
      const [file] = sampleResumes(1);
      const first = await stack.service.createBatch({ profileId: profile.id });
      const { resumeId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId: first.batchId, origin: 'upload' });
      stack.workers = await runWorkers(stack.config);
      await waitForBatch(stack.service, first.batchId);
      await stack.workers.close();

      const other = await stack.service.createBatch({ profileId: 'second-profile' });
      const { reportId } = await stack.service.submitFile({ ...file!, profileId: 'second-profile', batchId: other.batchId, origin: 'upload' });
      // Without the bytes, only the stored document can give this report.
      expect(await stack.redis.del(`${stack.prefix}:{${resumeId}}:bytes`)).toBe(1);
      stack.workers = await runWorkers(stack.config);
      const status = await waitForBatch(stack.service, other.batchId);
      expect(status.files[0]).toMatchObject({ state: 'done' });
      const secondProfile = loadProfileRegistry({ profilesDir }).get('second-profile');
      const inProcess = await screenFile(file!, secondProfile!, { maxBytes: stack.config.maxFileBytes });
      expect(await stack.service.getReport(reportId)).toEqual(inProcess.report);
    } finally {
      rmSync(profilesDir, { recursive: true, force: true });
    }
  });
});
