import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/api/app';
import type { AppConfig } from '../../../src/config';
import { ScreeningService } from '../../../src/queue/screening-service';
import { apiTestConfig, auth, screenJobCount, multipartBody, removePrefix, startFileServer, textResume, uniquePrefix, type FileServer , listenForTests, type Caller } from './api-helpers';

const prefix = uniquePrefix();
const SECRETS = {
  GREENHOUSE_SECRET: 'greenhouse-test-secret',
  LEVER_SIGNATURE_TOKEN: 'lever-test-signature-token',
  ASHBY_SECRET: 'ashby-test-secret',
  GENERIC_WEBHOOK_SECRET: 'generic-test-secret',
};
let config: AppConfig;
let service: ScreeningService;
let app: FastifyInstance;
let call: Caller;
let files: FileServer;
let resumeCounter = 0;

/** Each call gives different bytes, so each résumé is a new job (not deduplicated by content). */
function freshResume(): Buffer {
  resumeCounter += 1;
  return Buffer.from(textResume(`Webhook Person ${resumeCounter}`, `webhook topic ${resumeCounter} ${randomUUID()}`));
}

const hmac = (secret: string, message: string | Buffer): string => createHmac('sha256', secret).update(message).digest('hex');

function genericHeaders(body: string, options: { timestamp?: number; delivery?: string; secret?: string } = {}): Record<string, string> {
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'x-resume-evidence-signature': `t=${t},v1=${hmac(options.secret ?? SECRETS.GENERIC_WEBHOOK_SECRET, `${t}.${body}`)}`,
    'x-resume-evidence-delivery': options.delivery ?? randomUUID(),
  };
}

beforeAll(async () => {
  files = await startFileServer({ 'resume.txt': freshResume(), 'other.txt': freshResume() });
  config = apiTestConfig(prefix, { ...SECRETS, FETCH_ALLOWLIST: '127.0.0.1', MAX_FILE_BYTES: '100000', FETCH_TIMEOUT_MS: '3000' });
  service = ScreeningService.create(config);
  app = buildApp({ config, service });
  call = await listenForTests(app);
});

afterAll(async () => {
  await app.close();
  await service.close();
  await files.close();
  await removePrefix(prefix);
});

describe('POST /webhooks/generic', () => {
  it('queues one job for a valid signature and an inline résumé', async () => {
    const before = await screenJobCount(prefix);
    const body = JSON.stringify({ candidateId: 'cand-1', fileName: 'inline.txt', resumeBase64: freshResume().toString('base64') });
    const response = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body), payload: body });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ deduplicated: false });
    expect(await screenJobCount(prefix)).toBe(before + 1);
  });

  it('answers 401 and queues nothing for a wrong signature, a missing one or a changed body', async () => {
    const before = await screenJobCount(prefix);
    const body = JSON.stringify({ candidateId: 'cand-2', fileName: 'x.txt', resumeBase64: freshResume().toString('base64') });
    const wrongSecret = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body, { secret: 'not-the-secret' }), payload: body });
    const missing = await call({ method: 'POST', url: '/webhooks/generic', headers: { 'content-type': 'application/json', 'x-resume-evidence-delivery': 'd-1' }, payload: body });
    const tampered = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body), payload: body.replace('cand-2', 'cand-3') });
    for (const response of [wrongSecret, missing, tampered]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    }
    expect(await screenJobCount(prefix)).toBe(before);
  });

  it('answers 401 "timestamp outside tolerance" for an old, correctly signed delivery', async () => {
    const before = await screenJobCount(prefix);
    const body = JSON.stringify({ candidateId: 'cand-old', fileName: 'old.txt', resumeBase64: freshResume().toString('base64') });
    const old = Math.floor(Date.now() / 1000) - config.webhookToleranceSeconds - 60;
    const response = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body, { timestamp: old }), payload: body });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('timestamp outside tolerance');
    expect(await screenJobCount(prefix)).toBe(before);
  });

  it('deduplicates a replayed delivery and queues nothing extra', async () => {
    const body = JSON.stringify({ candidateId: 'cand-replay', fileName: 'replay.txt', resumeBase64: freshResume().toString('base64') });
    const headers = genericHeaders(body, { delivery: `delivery-${randomUUID()}` });
    const first = await call({ method: 'POST', url: '/webhooks/generic', headers, payload: body });
    expect(first.statusCode).toBe(202);
    const afterFirst = await screenJobCount(prefix);
    const replay = await call({ method: 'POST', url: '/webhooks/generic', headers, payload: body });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ deduplicated: true });
    expect(await screenJobCount(prefix)).toBe(afterFirst);
  });

  it('fetches a résumé URL from an allowlisted 127.0.0.1 server, following a redirect', async () => {
    const before = await screenJobCount(prefix);
    const body = JSON.stringify({ candidateId: 'cand-url', fileName: 'fetched.txt', resumeUrl: `${files.origin}/redirect/other.txt` });
    const response = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body), payload: body });
    expect(response.statusCode).toBe(202);
    expect(files.requests).toEqual(expect.arrayContaining(['/redirect/other.txt', '/files/other.txt']));
    expect(await screenJobCount(prefix)).toBe(before + 1);
  });

  it('refuses a URL on a host that is not allowlisted without making any request', async () => {
    const requestsBefore = files.requests.length;
    const before = await screenJobCount(prefix);
    // Same server, named "localhost": not on FETCH_ALLOWLIST, so it must not even be resolved.
    const body = JSON.stringify({ candidateId: 'cand-ssrf', fileName: 'x.txt', resumeUrl: `http://localhost:${files.port}/files/resume.txt` });
    const response = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(body), payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'ATTACHMENT_URL_REFUSED' } });
    expect(response.json<{ error: { message: string } }>().error.message).toContain('FETCH_ALLOWLIST');
    expect(files.requests.length).toBe(requestsBefore);
    expect(await screenJobCount(prefix)).toBe(before);
  });

  it('stops a download past MAX_FILE_BYTES and loops of redirects, with clear errors', async () => {
    const huge = JSON.stringify({ candidateId: 'cand-huge', fileName: 'huge.bin', resumeUrl: `${files.origin}/huge` });
    const tooLarge = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(huge), payload: huge });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: { code: 'ATTACHMENT_TOO_LARGE' } });

    const loop = JSON.stringify({ candidateId: 'cand-loop', fileName: 'loop.txt', resumeUrl: `${files.origin}/loop` });
    const redirects = await call({ method: 'POST', url: '/webhooks/generic', headers: genericHeaders(loop), payload: loop });
    expect(redirects.statusCode).toBe(502);
    expect(redirects.json<{ error: { message: string } }>().error.message).toContain('redirects');
  });
});

describe('POST /webhooks/greenhouse', () => {
  const sign = (body: string) => ({ 'content-type': 'application/json', signature: `sha256 ${hmac(SECRETS.GREENHOUSE_SECRET, body)}`, 'greenhouse-event-id': randomUUID() });
  const application = (candidateId: number, url: string) =>
    JSON.stringify({
      action: 'new_candidate_application',
      payload: { application: { id: candidateId * 10, candidate: { id: candidateId, attachments: [{ filename: 'cover.txt', url, type: 'cover_letter' }, { filename: 'cv.txt', url, type: 'resume' }] } } },
    });

  it('fetches the résumé attachment and queues one job; a wrong signature queues nothing', async () => {
    const before = await screenJobCount(prefix);
    const body = application(4242, `${files.origin}/files/resume.txt`);
    const response = await call({ method: 'POST', url: '/webhooks/greenhouse', headers: sign(body), payload: body });
    expect(response.statusCode).toBe(202);
    expect(await screenJobCount(prefix)).toBe(before + 1);

    const forged = application(4343, `${files.origin}/files/other.txt`);
    const bad = await call({ method: 'POST', url: '/webhooks/greenhouse', headers: { ...sign(forged), signature: `sha256 ${'0'.repeat(64)}` }, payload: forged });
    expect(bad.statusCode).toBe(401);
    expect(await screenJobCount(prefix)).toBe(before + 1);
  });

  it('erases the candidate on delete_candidate', async () => {
    const body = application(5151, `${files.origin}/files/resume.txt`);
    const accepted = await call({ method: 'POST', url: '/webhooks/greenhouse', headers: sign(body), payload: body });
    expect(accepted.statusCode).toBe(202);
    const { resumeId } = accepted.json<{ resumeId: string }>();

    const deletion = JSON.stringify({ action: 'delete_candidate', payload: { person: { id: 5151 } } });
    const erased = await call({ method: 'POST', url: '/webhooks/greenhouse', headers: sign(deletion), payload: deletion });
    expect(erased.statusCode).toBe(200);
    expect(erased.json<{ deleted: string[] }>().deleted.some((key) => key.includes(resumeId))).toBe(true);
  });
});

describe('POST /webhooks/lever', () => {
  const envelope = (data: Record<string, unknown>, options: { secret?: string } = {}) => {
    const token = randomUUID();
    const triggeredAt = Date.now();
    return JSON.stringify({ token, triggeredAt, signature: hmac(options.secret ?? SECRETS.LEVER_SIGNATURE_TOKEN, `${token}${triggeredAt}`), event: 'applicationCreated', data });
  };

  it('queues one job for a valid signature and none for a wrong one', async () => {
    const before = await screenJobCount(prefix);
    const good = envelope({ opportunityId: 'opp-1', resumeBase64: freshResume().toString('base64'), fileName: 'lever.txt' });
    const ok = await call({ method: 'POST', url: '/webhooks/lever', headers: { 'content-type': 'application/json' }, payload: good });
    expect(ok.statusCode).toBe(202);
    expect(await screenJobCount(prefix)).toBe(before + 1);

    const bad = envelope({ opportunityId: 'opp-2', resumeBase64: freshResume().toString('base64') }, { secret: 'wrong' });
    const refused = await call({ method: 'POST', url: '/webhooks/lever', headers: { 'content-type': 'application/json' }, payload: bad });
    expect(refused.statusCode).toBe(401);
    expect(await screenJobCount(prefix)).toBe(before + 1);

    const replay = await call({ method: 'POST', url: '/webhooks/lever', headers: { 'content-type': 'application/json' }, payload: good });
    expect(replay.json()).toMatchObject({ deduplicated: true });
    expect(await screenJobCount(prefix)).toBe(before + 1);
  });
});

describe('POST /webhooks/ashby', () => {
  it('queues one job for a valid signature and none for a wrong one', async () => {
    const before = await screenJobCount(prefix);
    const body = JSON.stringify({ action: 'applicationSubmit', data: { application: { id: 'app-1', candidate: { id: 'cand-a' } }, resumeBase64: freshResume().toString('base64'), fileName: 'ashby.txt' } });
    const ok = await call({ method: 'POST', url: '/webhooks/ashby', headers: { 'content-type': 'application/json', 'ashby-signature': `sha256=${hmac(SECRETS.ASHBY_SECRET, body)}` }, payload: body });
    expect(ok.statusCode).toBe(202);
    expect(await screenJobCount(prefix)).toBe(before + 1);

    const other = body.replace('cand-a', 'cand-b');
    const bad = await call({ method: 'POST', url: '/webhooks/ashby', headers: { 'content-type': 'application/json', 'ashby-signature': `sha256=${hmac('wrong', other)}` }, payload: other });
    expect(bad.statusCode).toBe(401);
    expect(await screenJobCount(prefix)).toBe(before + 1);
  });
});

describe('webhook scope', () => {
  it('needs no bearer token but leaves the rest of the API protected', async () => {
    const form = multipartBody([{ name: 'file', fileName: 'a.txt', bytes: freshResume() }]);
    const withoutToken = await call({ method: 'POST', url: '/v1/batches', headers: form.headers, payload: form.payload });
    expect(withoutToken.statusCode).toBe(401);
    const withToken = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(withToken.statusCode).toBe(202);
  });
});
