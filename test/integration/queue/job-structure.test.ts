import { Queue } from 'bullmq';
import { defaultProfile } from '../../../src/profile/load-profile';
import { screenFile } from '../../../src/pipeline/screen-file';
import { profileRef } from '../../../src/profile/profile-registry';
import { stageJobId } from '../../../src/queue/ids';
import { JOB_NAMES, QUEUE_NAMES, type Stage } from '../../../src/queue/job-names';
import { startStack, waitForBatch, type QueueStack } from './queue-stack';
import { scanKeys, waitFor } from './redis-helper';
import { sampleResumes } from './sample-resumes';

/**
 * The chain is extract → report (the report job tags too): one résumé is two BullMQ jobs, and no
 * evidence is stored between them. A `resume.tag` job left by an older deployment still ends in
 * the same report.
 */
describe('job structure: extract → report (real Redis)', () => {
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

  it('runs one extract job and one report job per file, with no tag job and no stored evidence', async () => {
    const [file] = sampleResumes(1);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const { reportId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'upload' });
    await waitForBatch(stack.service, batchId);

    const completed = async (stage: Stage): Promise<number> => (await queue(stage).getJobCounts('completed')).completed ?? 0;
    expect(await completed('extract')).toBe(1);
    expect(await completed('report')).toBe(1);
    expect(await completed('tag')).toBe(0);
    expect(await queue('report').getJob(stageJobId('report', reportId))).toBeDefined();
    expect(await scanKeys(stack.redis, `${stack.prefix}:*evidence*`)).toEqual([]);
    const inProcess = await screenFile(file!, profile, { maxBytes: stack.config.maxFileBytes });
    expect(await stack.service.getReport(reportId)).toEqual(inProcess.report);
  });

  it('finishes a legacy tag job (queued by an older version) with the same report', async () => {
    const [file] = sampleResumes(1);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const { reportId, resumeId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'upload' });
    await waitForBatch(stack.service, batchId);
    const first = await stack.service.getReport(reportId);
    // As an older extract stage would have left it: the document stored, a tag job queued.
    await stack.redis.del(`${stack.prefix}:{${resumeId}}:report:${reportId}`);
    await queue('tag').add(JOB_NAMES.tag, { v: 1, resumeId, reportId, profileRef: profileRef(profile) }, { jobId: stageJobId('tag', reportId) });

    const again = await waitFor('the legacy tag job to store the report', () => stack.service.getReport(reportId).then((report) => report ?? undefined));
    expect(again).toEqual(first);
  });
});
