import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchAttachment } from '../../src/api/fetch-attachment';

/**
 * SSRF through a redirect: the first URL is fine (an exactly allowlisted test server), the place
 * it redirects to is not. Each hop must be vetted again. Existing cases (not allowlisted, size,
 * redirect loops) are in test/integration/api/webhooks.test.ts.
 */
describe('fetchAttachment redirects', () => {
  let server: http.Server;
  let origin: string;
  const requests: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      const target = new URL(request.url ?? '/', 'http://x').searchParams.get('to');
      if (target) response.writeHead(302, { location: target }).end();
      else response.writeHead(200).end('résumé');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const resolveHost = (hostname: string) =>
    Promise.resolve(hostname === 'internal.files.test' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
  const options = { allowlist: ['127.0.0.1', '*.files.test'], maxBytes: 1024, timeoutMs: 3_000, resolve: resolveHost };

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['localhost by name', 'http://localhost/secret'],
    ['a private address literal', 'http://10.0.0.5/'],
    ['a wildcard-allowlisted host that resolves to a private address', 'https://internal.files.test/x'],
  ])('refuses a redirect from an allowlisted host to %s', async (_what, target) => {
    await expect(fetchAttachment(`${origin}/start?to=${encodeURIComponent(target)}`, options)).rejects.toMatchObject({
      code: 'ATTACHMENT_URL_REFUSED',
    });
  });

  it('still follows a redirect that stays on the allowlisted host', async () => {
    const fetched = await fetchAttachment(`${origin}/start?to=${encodeURIComponent(`${origin}/file.txt`)}`, options);
    expect(Buffer.from(fetched.bytes).toString()).toBe('résumé');
  });
});
