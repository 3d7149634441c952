import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, registeredRoutes } from '../../../src/api/app';
import { REPORT_HTML_CSP } from '../../../src/api/routes/reports';
import { runWorkers, type RunningWorkers } from '../../../src/cli/worker-command';
import type { AppConfig } from '../../../src/config';
import { screenFile } from '../../../src/pipeline/screen-file';
import { defaultProfile } from '../../../src/profile/load-profile';
import { ScreeningService } from '../../../src/queue/screening-service';
import { apiTestConfig, auth, multipartBody, removePrefix, sampleResumes, TEST_REDIS_URL, textResume, uniquePrefix, waitFor , listenForTests, type Caller } from './api-helpers';

const prefix = uniquePrefix();
let config: AppConfig;
let service: ScreeningService;
let app: FastifyInstance;
let call: Caller;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  config = apiTestConfig(prefix, { MAX_FILE_BYTES: '200000', MAX_FILES_PER_BATCH: '4' });
  service = ScreeningService.create(config);
  app = buildApp({ config, service });
  call = await listenForTests(app);
});

afterAll(async () => {
  await workers?.close();
  await app.close();
  await service.close();
  await removePrefix(prefix);
});

describe('authentication', () => {
  it('leaves /health and /ready open', async () => {
    expect((await call({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const ready = await call({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-at-all-000' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('answers 401 with %s', async (_label, headers) => {
    for (const url of ['/v1/profiles', '/v1/batches/batch-x', '/openapi.json', '/no-such-route']) {
      const response = await call({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('serves the bull-board dashboard only with the token', () => {
    // Run under plain Node (tsx): bull-board's @fastify/static requires an ESM-only package that
    // Jest's loader cannot load, while Node 20 can.
    const output = execFileSync(join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx'), [join(__dirname, 'dashboard-probe.ts')], {
      env: { ...process.env, PROBE_PREFIX: prefix, PROBE_REDIS_URL: TEST_REDIS_URL },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(output.trim().split('\n').pop() ?? '{}')).toEqual({ withoutToken: 401, withToken: 200, contentType: expect.stringContaining('text/html') });
  });
});

describe('GET /openapi.json', () => {
  it('describes every registered route', async () => {
    const registered = registeredRoutes(app);
    const document = (await call({ method: 'GET', url: '/openapi.json', headers: auth })).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(registered.length).toBeGreaterThan(10);
    for (const route of registered) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect({ route, documented: document.paths[path]?.[route.method] !== undefined }).toEqual({ route, documented: true });
    }
  });
});

describe('GET /v1/profiles', () => {
  it('lists the default profile', async () => {
    const body = (await call({ method: 'GET', url: '/v1/profiles', headers: auth })).json<{ defaultProfileId: string; profiles: Array<{ id: string }> }>();
    expect(body.defaultProfileId).toBe(defaultProfile().id);
    expect(body.profiles.map((profile) => profile.id)).toContain(defaultProfile().id);
  });
});

describe('POST /v1/batches', () => {
  it('queues uploaded files; workers produce reports equal to screenFile, readable as JSON, Markdown and HTML', async () => {
    const files = sampleResumes(['ada-lindqvist.pdf', 'farah-delacroix.docx', 'ivan-petrakis.txt']);
    const form = multipartBody(files.map((file) => ({ name: 'file', fileName: file.fileName, bytes: file.bytes })));
    const upload = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(upload.statusCode).toBe(202);
    const accepted = upload.json<{ batchId: string; statusUrl: string; files: Array<{ fileName: string; reportId: string; resumeId: string; deduplicated: boolean }> }>();
    expect(accepted.files.map((file) => file.fileName)).toEqual(files.map((file) => file.fileName));
    expect(accepted.statusUrl).toBe(`http://api.test.invalid/v1/batches/${accepted.batchId}`);

    workers = await runWorkers(config);
    const status = await waitFor('the batch to finish', async () => {
      const response = await call({ method: 'GET', url: `/v1/batches/${accepted.batchId}`, headers: auth });
      const body = response.json<{ finished: boolean; counts: { done: number; total: number } }>();
      return body.finished ? body : undefined;
    });
    expect(status.counts).toMatchObject({ done: files.length, total: files.length });

    for (const [index, file] of files.entries()) {
      const reportId = accepted.files[index]?.reportId ?? '';
      const json = await call({ method: 'GET', url: `/v1/reports/${reportId}`, headers: auth });
      expect(json.statusCode).toBe(200);
      const expected = await screenFile(file, defaultProfile());
      expect(json.json()).toEqual(JSON.parse(JSON.stringify(expected.report)));

      const markdown = await call({ method: 'GET', url: `/v1/reports/${reportId}.md`, headers: auth });
      expect(markdown.statusCode).toBe(200);
      expect(markdown.headers['content-type']).toContain('text/markdown');
      expect(markdown.body.length).toBeGreaterThan(100);

      const html = await call({ method: 'GET', url: `/v1/reports/${reportId}?format=html`, headers: auth });
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.headers['content-security-policy']).toBe(REPORT_HTML_CSP);
      expect(html.body).toMatch(/<html/i);
    }
  });

  it('answers 413 naming the file that is too large, and queues nothing', async () => {
    const form = multipartBody([
      { name: 'file', fileName: 'small.txt', bytes: Buffer.from(textResume('Kim Sample', 'oversize check')) },
      { name: 'file', fileName: 'way-too-big.pdf', bytes: new Uint8Array(300_000) },
    ]);
    const response = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } });
    expect(response.json<{ error: { message: string } }>().error.message).toContain('way-too-big.pdf');
  });

  it('refuses more files than MAX_FILES_PER_BATCH with a clear 4xx', async () => {
    const form = multipartBody(
      Array.from({ length: 5 }, (_, index) => ({ name: 'file', fileName: `many-${index}.txt`, bytes: Buffer.from(textResume(`Person ${index}`, `topic ${index}`)) })),
    );
    const response = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'TOO_MANY_FILES' });
    expect(response.json<{ error: { message: string } }>().error.message).toContain('4');
  });

  it('answers 400 without files, and 400 naming an unknown profile', async () => {
    const empty = multipartBody([{ name: 'profile', value: defaultProfile().id }]);
    const noFiles = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...empty.headers }, payload: empty.payload });
    expect(noFiles.statusCode).toBe(400);
    expect(noFiles.json()).toMatchObject({ error: { code: 'NO_FILES' } });

    const form = multipartBody([
      { name: 'profile', value: 'no-such-profile' },
      { name: 'file', fileName: 'a.txt', bytes: Buffer.from(textResume('Lee Sample', 'profiles')) },
    ]);
    const unknown = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_PROFILE' } });
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('no-such-profile');
  });

  it('switches blind review on for a batch uploaded with blind=true, before any file is queued', async () => {
    const form = multipartBody([
      { name: 'blind', value: 'true' },
      { name: 'file', fileName: 'blind.txt', bytes: Buffer.from(textResume('Kit Sample', 'blind upload')) },
    ]);
    const upload = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(upload.statusCode).toBe(202);
    const { batchId, blind } = upload.json<{ batchId: string; blind: boolean }>();
    expect(blind).toBe(true);
    const audit = await call({ method: 'GET', url: `/v1/batches/${batchId}/audit`, headers: auth });
    expect(audit.json<{ entries: Array<{ action: string; actor: string }> }>().entries.map((entry) => `${entry.action}:${entry.actor}`)).toEqual(['blind-review-on:api']);

    // The batch's reports come back redacted; the unscoped machine route only on request.
    const [file] = upload.json<{ files: Array<{ reportId: string }> }>().files;
    if (file === undefined) throw new Error('no file accepted');
    workers ??= await runWorkers(config);
    await waitFor('the report', async () => (await call({ method: 'GET', url: `/v1/reports/${file.reportId}`, headers: auth })).statusCode === 200);
    const inBatch = await call({ method: 'GET', url: `/v1/batches/${batchId}/reports/${file.reportId}.md`, headers: auth });
    expect(inBatch.statusCode).toBe(200);
    expect(inBatch.body).not.toContain('Kit Sample');
    expect(inBatch.body).toContain('Python');
    expect((await call({ method: 'GET', url: `/v1/reports/${file.reportId}?blind=true`, headers: auth })).body).not.toContain('Kit Sample');
    expect((await call({ method: 'GET', url: `/v1/reports/${file.reportId}`, headers: auth })).body).toContain('Kit Sample');
    const otherBatch = await call({ method: 'GET', url: `/v1/batches/${batchId}/reports/report-${'0'.repeat(32)}`, headers: auth });
    expect(otherBatch.statusCode).toBe(404);

    const bad = multipartBody([
      { name: 'blind', value: 'yes please' },
      { name: 'file', fileName: 'x.txt', bytes: Buffer.from(textResume('Kit Sample', 'blind field')) },
    ]);
    const refused = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...bad.headers }, payload: bad.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('"blind"');
  });

  it('answers 404 for an unknown batch or report', async () => {
    const batch = await call({ method: 'GET', url: '/v1/batches/batch-does-not-exist', headers: auth });
    expect(batch.statusCode).toBe(404);
    const report = await call({ method: 'GET', url: `/v1/reports/report-${'0'.repeat(32)}`, headers: auth });
    expect(report.statusCode).toBe(404);
    expect(report.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('DELETE /v1/candidates/:resumeId', () => {
  it('erases a résumé and its report, and says what it deleted', async () => {
    const form = multipartBody([{ name: 'file', fileName: 'erase-me.txt', bytes: Buffer.from(textResume('Robin Sample', 'erasure')) }]);
    const upload = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    const [file] = upload.json<{ files: Array<{ resumeId: string; reportId: string }> }>().files;
    if (file === undefined) throw new Error('no file accepted');
    workers ??= await runWorkers(config);
    await waitFor('the report', async () => (await call({ method: 'GET', url: `/v1/reports/${file.reportId}`, headers: auth })).statusCode === 200);

    const erased = await call({ method: 'DELETE', url: `/v1/candidates/${file.resumeId}`, headers: auth });
    expect(erased.statusCode).toBe(200);
    const body = erased.json<{ resumeId: string; deleted: string[] }>();
    expect(body.resumeId).toBe(file.resumeId);
    expect(body.deleted.some((key) => key.includes(file.resumeId))).toBe(true);
    expect((await call({ method: 'GET', url: `/v1/reports/${file.reportId}`, headers: auth })).statusCode).toBe(404);
  });

  it('refuses a malformed résumé id with 400', async () => {
    const response = await call({ method: 'DELETE', url: '/v1/candidates/not-an-id', headers: auth });
    expect(response.statusCode).toBe(400);
  });
});
