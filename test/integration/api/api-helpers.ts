import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../../src/config';
import { cleanPrefix, connect, testConfig, TEST_REDIS_URL, uniquePrefix, waitFor } from '../queue/redis-helper';
import { QUEUE_NAMES } from '../../../src/queue/job-names';

// One Redis URL, prefix scheme, clean-up and polling for every integration test.
export { TEST_REDIS_URL, uniquePrefix, waitFor };
export const TEST_API_TOKEN = 'test-api-token-0123456789abcdef';

/** The queue tests' configuration plus what the API needs: a token and a public base URL. */
export function apiTestConfig(prefix: string, overrides: Record<string, string> = {}): AppConfig {
  return testConfig(prefix, { API_TOKEN: TEST_API_TOKEN, PUBLIC_BASE_URL: 'http://api.test.invalid', ...overrides });
}

export const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };

/** Removes every key this test file created: its queues, then everything under its prefix. */
export async function removePrefix(prefix: string): Promise<void> {
  const redis = connect();
  try {
    await cleanPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}

/** How many jobs (any state) the screen queue holds: "nothing enqueued" means this did not grow. */
export async function screenJobCount(prefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAMES.screen, { connection: redis, prefix });
  try {
    const counts = await queue.getJobCounts();
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  } finally {
    await queue.close();
    await redis.quit();
  }
}

export type FormPart = { name: string; value: string } | { name: string; fileName: string; bytes: Uint8Array; contentType?: string };

/** A multipart/form-data body built by hand, byte for byte, as a browser or curl would send it. */
export function multipartBody(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.from(part.bytes),
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'resumes');

/** Fixture résumés when the generator has run; otherwise two small synthetic text résumés. */
export function sampleResumes(names: string[]): Array<{ fileName: string; bytes: Uint8Array }> {
  if (names.every((name) => existsSync(join(FIXTURES, name)))) {
    return names.map((name) => ({ fileName: name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) }));
  }
  return [
    { fileName: 'fallback-one.txt', bytes: new Uint8Array(Buffer.from(textResume('Alex Example', 'reinforcement learning with PPO'))) },
    { fileName: 'fallback-two.txt', bytes: new Uint8Array(Buffer.from(textResume('Sam Placeholder', 'Python data pipelines'))) },
  ];
}

/** A small fictional text résumé; `topic` changes its bytes so each one gets its own report. */
export function textResume(name: string, topic: string): string {
  return `${name}\n\nEXPERIENCE\nResearch Engineer, Example Labs (2020-2024)\n- Built ${topic} systems in Python.\n\nSKILLS\nPython, PyTorch\n`;
}

export interface FileServer {
  origin: string;
  port: number;
  requests: string[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 serving résumés, redirects and an oversized body. */
export async function startFileServer(files: Record<string, Uint8Array>): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    if (path.startsWith('/redirect/')) {
      response.writeHead(302, { location: `/files/${path.slice('/redirect/'.length)}` }).end();
      return;
    }
    if (path === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
      return;
    }
    if (path === '/huge') {
      // No Content-Length: the limit must be enforced while streaming.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 && response.write(chunk)) sent += 1;
        if (sent >= 64) response.end();
        else response.once('drain', pump);
      };
      pump();
      return;
    }
    const file = files[path.replace(/^\/files\//, '')];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}


export interface TestResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
}

export type Caller = (request: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }) => Promise<TestResponse>;

/**
 * Real HTTP against the app on 127.0.0.1 instead of `app.inject`: under Jest on Node 20,
 * light-my-request (inject) requires the ESM-only `cookie` package, which Jest's loader refuses.
 */
export async function listenForTests(app: { listen(options: { host: string; port: number }): Promise<string> }): Promise<Caller> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return async (request) => {
    const response = await fetch(`${address}${request.url}`, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.payload === undefined ? {} : { body: typeof request.payload === 'string' ? request.payload : new Uint8Array(request.payload) }),
    });
    const body = await response.text();
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body,
      json: <T>() => JSON.parse(body) as T,
    };
  };
}
