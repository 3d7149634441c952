import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig, type AppConfig } from '../../../src/config';
import { QUEUE_NAMES } from '../../../src/queue/job-names';

/** Integration tests use a real Redis: REDIS_URL, or a local one. Never a mock. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test (or deployment) uses, so tests can run against a shared Redis. */
export function uniquePrefix(): string {
  return `test-${randomUUID()}`;
}

/**
 * Configuration for a test: fast retries, a callback secret, silent logs. Locks stay long enough
 * that a loaded CI machine does not stall healthy jobs; the crash test shortens them itself.
 */
export function testConfig(prefix: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    // One extraction thread per worker: each thread loads the sources through tsx (seconds).
    WORKER_CONCURRENCY: '1',
    JOB_LOCK_MS: '15000',
    STALLED_INTERVAL_MS: '5000',
    RETRY_BASE_DELAY_MS: '200',
    CALLBACK_SECRET: 'test-callback-secret-not-for-production',
    PUBLIC_BASE_URL: 'http://reports.test.invalid',
    ...overrides,
  });
}

export function connect(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return [...new Set(keys)];
}

/** Obliterates the test's queues, then deletes every key left under its prefix. */
export async function cleanPrefix(redis: Redis, prefix: string): Promise<void> {
  for (const name of Object.values(QUEUE_NAMES)) {
    const queue = new Queue(name, { connection: redis, prefix });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
  const keys = await scanKeys(redis, `${prefix}:*`);
  for (let index = 0; index < keys.length; index += 500) await redis.del(...keys.slice(index, index + 500));
}

/** Polls until `check` returns a value (not undefined/false), or fails with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
