import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultProfile } from '../../../src/profile/load-profile';
import { SIGNATURE_HEADER, verifyCallbackSignature } from '../../../src/queue/callback-signature';
import { startStack, type QueueStack } from './queue-stack';
import { waitFor } from './redis-helper';
import { sampleResumes } from './sample-resumes';

interface Received {
  body: string;
  signature: string | undefined;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

describe('result callbacks (real Redis, local HTTP receiver)', () => {
  let stack: QueueStack;
  let server: Server;
  const received: Received[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ body, signature: request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined });
        // The first delivery fails, as a receiver that is briefly down would.
        response.statusCode = received.length === 1 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a signed summary without any decision, retrying after a 500', async () => {
    const profile = defaultProfile();
    const { port } = server.address() as AddressInfo;
    const { batchId } = await stack.service.createBatch({ profileId: profile.id, callbackUrl: `http://127.0.0.1:${port}/hook` });
    const [file] = sampleResumes(1);
    const { reportId, resumeId } = await stack.service.submitFile({ ...file!, profileId: profile.id, batchId, origin: 'upload' });

    const status = await waitFor('callback delivery', async () => {
      const current = await stack.service.getBatchStatus(batchId);
      return current?.files[0]?.callback?.state === 'delivered' ? current : undefined;
    });
    expect(status.files[0]?.callback).toEqual({ state: 'delivered', attempts: 2 });
    expect(received).toHaveLength(2);

    const delivered = received[1]!;
    expect(
      verifyCallbackSignature({ header: delivered.signature ?? '', body: delivered.body, secret: stack.config.callbackSecret! }),
    ).toBe(true);
    expect(verifyCallbackSignature({ header: delivered.signature ?? '', body: `${delivered.body} `, secret: stack.config.callbackSecret! })).toBe(false);

    const summary = JSON.parse(delivered.body) as Record<string, unknown>;
    const report = await stack.service.getReport(reportId);
    expect(summary).toMatchObject({
      reportId,
      resumeId,
      batchId,
      candidateId: report?.candidateId,
      profile: { id: profile.id, version: profile.version },
      reportUrl: `${stack.config.publicBaseUrl}/v1/reports/${reportId}`,
    });
    expect(Object.keys(summary.levels as object).sort()).toEqual(profile.requirements.map((requirement) => requirement.id).sort());
    for (const forbidden of ['decision', 'score', 'rank', 'recommendation', 'text']) expect(summary).not.toHaveProperty(forbidden);
  });
});
