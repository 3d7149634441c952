import { Queue } from 'bullmq';
import { defaultProfile } from '../../../src/profile/load-profile';
import { screenFile } from '../../../src/pipeline/screen-file';
import { stageJobId } from '../../../src/queue/ids';
import { QUEUE_NAMES, type Stage } from '../../../src/queue/job-names';
import { startStack, waitForBatch, type QueueStack } from './queue-stack';
import { scanKeys } from './redis-helper';
import { sampleResumes } from './sample-resumes';

/**
 * The chain is extract → report (the report job tags too): one résumé is two BullMQ jobs, and no
 * evidence is stored between them.
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

  it('runs one extract job and one report job per file, and stores no evidence between them', async () => {
    const [file] = sampleResumes(1);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    const { reportId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'upload' });
    await waitForBatch(stack.service, batchId);

    const completed = async (stage: Stage): Promise<number> => (await queue(stage).getJobCounts('completed')).completed ?? 0;
    expect(await completed('extract')).toBe(1);
    expect(await completed('report')).toBe(1);
    expect(Object.keys(QUEUE_NAMES).sort()).toEqual(['callback', 'extract', 'report']);
    expect(await queue('report').getJob(stageJobId('report', reportId))).toBeDefined();
    expect(await scanKeys(stack.redis, `${stack.prefix}:*evidence*`)).toEqual([]);
    const inProcess = await screenFile(file!, profile, { maxBytes: stack.config.maxFileBytes });
    expect(await stack.service.getReport(reportId)).toEqual(inProcess.report);
  });

});
