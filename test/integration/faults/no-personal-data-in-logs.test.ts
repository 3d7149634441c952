import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { parseResumeSource } from '../../../fixtures/generator/resume-source';
import { RESUME_FIXTURES } from '../../../fixtures/generator/people';
import { buildApp } from '../../../src/api/app';
import { runWorkers, type RunningWorkers } from '../../../src/cli/worker-command';
import { createLogger } from '../../../src/logger';
import { defaultProfile } from '../../../src/profile/load-profile';
import { ScreeningService } from '../../../src/queue/screening-service';
import { auth, listenForTests, multipartBody, type Caller } from '../api/api-helpers';
import { waitForBatch } from '../queue/queue-stack';
import { cleanPrefix, connect, testConfig, uniquePrefix } from '../queue/redis-helper';

/**
 * Every fixture résumé through the queue service AND the HTTP API with logs at `trace`, captured:
 * the in-process logger writes to a stream we read, and this process's stdout (where extraction
 * threads would print) is captured too. Then no name, e-mail, phone number or résumé line may
 * appear anywhere in what was logged.
 */
const RESUMES = join(__dirname, '../../../fixtures/resumes');

describe('logs while screening the fixtures through the queue and the API', () => {
  const captured: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured.push(chunk.toString('utf8'));
      done();
    },
  });
  const prefix = uniquePrefix();
  const config = testConfig(prefix, { LOG_LEVEL: 'trace', API_TOKEN: 'test-api-token-0123456789abcdef' });
  const redis = connect();
  const logger = createLogger(config, { role: 'test' }, sink);
  let service: ScreeningService;
  let workers: RunningWorkers;
  let app: FastifyInstance;
  let call: Caller;
  const originalWrite = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    // Anything printed to stdout (pino's default destination) is captured as well.
    // Kept, not echoed: trace-level lines would flood the test output (Jest reports on stderr).
    process.stdout.write = ((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    service = ScreeningService.create(config, { logger, redis });
    workers = await runWorkers(config, { logger });
    app = buildApp({ config, service, logger });
    call = await listenForTests(app);
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    await app.close();
    await workers.close();
    await service.close();
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  it('contains no name, e-mail, phone number or résumé line of any fixture', async () => {
    const files = readdirSync(RESUMES).sort();
    const form = multipartBody([
      { name: 'profileId', value: defaultProfile().id },
      ...files.map((name) => ({ name: 'file', fileName: name, bytes: new Uint8Array(readFileSync(join(RESUMES, name))) })),
    ]);
    const upload = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(upload.statusCode).toBe(202);
    const { batchId } = upload.json<{ batchId: string }>();
    const status = await waitForBatch(service, batchId, 90_000);
    expect(status.counts.total).toBe(files.length);
    // Read every report through the API too, so request logs cover them.
    for (const file of status.files) {
      expect((await call({ method: 'GET', url: `/v1/reports/${file.reportId}`, headers: auth })).statusCode).toBe(200);
    }

    const logText = captured.join('');
    expect(logText).toContain('"jobId"'); // the capture really holds the workers' lines
    const secrets: string[] = [];
    for (const fixture of RESUME_FIXTURES) {
      const content = parseResumeSource(fixture.source);
      secrets.push(content.name);
      for (const line of content.header) {
        secrets.push(...(line.match(/[\w.+-]+@[\w.-]+\.\w+/g) ?? []));
        secrets.push(...(line.match(/\+?\(?\d[\d ().-]{7,}\d/g) ?? []));
      }
      for (const block of content.blocks) {
        const text = 'text' in block && typeof block.text === 'string' ? block.text : '';
        if (text.length > 30) secrets.push(text);
      }
    }
    expect(secrets.length).toBeGreaterThan(RESUME_FIXTURES.length * 3);
    const leaked = secrets.filter((secret) => logText.includes(secret));
    expect(leaked).toEqual([]);
    expect(logText).not.toMatch(/[\w.+-]+@example\.(com|invalid)/);
  }, 120_000);
});
