import { z } from 'zod';
import { ResumeEvidenceError } from './errors';
import { describeIssues } from './zod-issues';
import type { ExtractBudget } from './extract/budget/budget-options';

/**
 * The whole environment, parsed once at start-up. Nothing else reads `process.env`: every
 * process (CLI, API, workers, a sandboxed extract child) calls `loadConfig` once and passes the
 * frozen result down.
 */
const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalSecret = z.string().min(1).optional();

const ConfigSchema = z.object({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  /** BullMQ `prefix` and the first segment of every storage key; test runs use `test-<uuid>`. */
  KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, "-" or "_"').default('re'),
  WORKER_CONCURRENCY: intFrom(2, 1),
  RETENTION_DAYS: intFrom(30, 1),
  PROFILES_DIR: z.string().min(1).optional(),
  MAX_FILE_BYTES: intFrom(10 * 1024 * 1024, 1),
  MAX_FILES_PER_BATCH: intFrom(200, 1),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: intFrom(8080, 0).pipe(z.number().max(65535)),
  /** Optional here so workers can run without it; `serve` refuses to start when it is missing. */
  API_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:8080'),
  GREENHOUSE_SECRET: optionalSecret,
  LEVER_SIGNATURE_TOKEN: optionalSecret,
  ASHBY_SECRET: optionalSecret,
  GENERIC_WEBHOOK_SECRET: optionalSecret,
  WEBHOOK_TOLERANCE_SECONDS: intFrom(300, 1),
  FETCH_ALLOWLIST: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
  FETCH_TIMEOUT_MS: intFrom(10_000, 1),
  CALLBACK_SECRET: z.string().min(16, 'expected at least 16 characters').optional(),
  /**
   * Per-reviewer tokens for the reviewer workspace's login, "alice:<token>,bob:<token>" (tokens of at
   * least 16 characters). When unset, the login takes API_TOKEN plus a self-declared reviewer id.
   */
  REVIEWER_TOKENS: z
    .string()
    .default('')
    .transform((list, ctx) => {
      const tokens: Record<string, string> = {};
      for (const entry of list.split(',').map((part) => part.trim()).filter(Boolean)) {
        const index = entry.indexOf(':');
        const id = index > 0 ? entry.slice(0, index).trim() : '';
        const token = index > 0 ? entry.slice(index + 1).trim() : '';
        if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(id) || token.length < 16) {
          ctx.addIssue({ code: 'custom', message: `entry ${index > 0 ? `"${id}"` : 'without ":"'}: expected "<reviewer id>:<token of at least 16 characters>"` });
          return z.NEVER;
        }
        tokens[id] = token;
      }
      return tokens;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** BullMQ lock: a job whose worker died is retried after this (plus one stalled check). */
  JOB_LOCK_MS: intFrom(30_000, 500),
  STALLED_INTERVAL_MS: intFrom(30_000, 200),
  /** First retry delay; later retries double it (exponential backoff with jitter). */
  RETRY_BASE_DELAY_MS: intFrom(2_000, 1),
  /** Per-file parsing budget: wall-clock ms once a thread starts on a file, and its heap in MB. */
  EXTRACT_TIMEOUT_MS: intFrom(20_000, 100),
  EXTRACT_MAX_MEMORY_MB: intFrom(512, 64),
  /** TEST ONLY: sleep this long inside the extract stage so a test can kill a worker mid-job. */
  TEST_EXTRACT_DELAY_MS: intFrom(0, 0),
});

export interface AppConfig {
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly workerConcurrency: number;
  readonly retentionDays: number;
  readonly profilesDir?: string;
  readonly maxFileBytes: number;
  readonly maxFilesPerBatch: number;
  readonly apiHost: string;
  readonly apiPort: number;
  readonly apiToken?: string;
  readonly publicBaseUrl: string;
  readonly greenhouseSecret?: string;
  readonly leverSignatureToken?: string;
  readonly ashbySecret?: string;
  readonly genericWebhookSecret?: string;
  readonly webhookToleranceSeconds: number;
  readonly fetchAllowlist: readonly string[];
  readonly fetchTimeoutMs: number;
  readonly callbackSecret?: string;
  /** Reviewer id → login token for the reviewer workspace (REVIEWER_TOKENS); empty: API_TOKEN + declared id. */
  readonly reviewerTokens: Readonly<Record<string, string>>;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** BullMQ lockDuration in ms (default 30000). */
  readonly jobLockMs: number;
  /** BullMQ stalledInterval in ms (default 30000). */
  readonly stalledIntervalMs: number;
  /** Backoff base delay in ms (default 2000). */
  readonly retryBaseDelayMs: number;
  /** Test only (default 0): artificial delay of the extract stage. Never set it in production. */
  /** Per-file parsing budget (EXTRACT_TIMEOUT_MS, EXTRACT_MAX_MEMORY_MB; defaults 20000 ms, 512 MB). */
  readonly extractBudget: Readonly<ExtractBudget>;
  readonly testExtractDelayMs: number;
}

/** Reads the environment once; throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, as docker-compose and shells often pass `VAR=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error.issues, '(environment)').map((problem) => `- ${problem}`);
    throw new ResumeEvidenceError('INVALID_INPUT', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    redisUrl: e.REDIS_URL,
    keyPrefix: e.KEY_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    retentionDays: e.RETENTION_DAYS,
    profilesDir: e.PROFILES_DIR,
    maxFileBytes: e.MAX_FILE_BYTES,
    maxFilesPerBatch: e.MAX_FILES_PER_BATCH,
    apiHost: e.API_HOST,
    apiPort: e.API_PORT,
    apiToken: e.API_TOKEN,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    greenhouseSecret: e.GREENHOUSE_SECRET,
    leverSignatureToken: e.LEVER_SIGNATURE_TOKEN,
    ashbySecret: e.ASHBY_SECRET,
    genericWebhookSecret: e.GENERIC_WEBHOOK_SECRET,
    webhookToleranceSeconds: e.WEBHOOK_TOLERANCE_SECONDS,
    fetchAllowlist: Object.freeze([...e.FETCH_ALLOWLIST]),
    fetchTimeoutMs: e.FETCH_TIMEOUT_MS,
    callbackSecret: e.CALLBACK_SECRET,
    reviewerTokens: Object.freeze({ ...e.REVIEWER_TOKENS }),
    logLevel: e.LOG_LEVEL,
    jobLockMs: e.JOB_LOCK_MS,
    stalledIntervalMs: e.STALLED_INTERVAL_MS,
    retryBaseDelayMs: e.RETRY_BASE_DELAY_MS,
    extractBudget: Object.freeze({ timeoutMs: e.EXTRACT_TIMEOUT_MS, maxOldGenerationSizeMb: e.EXTRACT_MAX_MEMORY_MB }),
    testExtractDelayMs: e.TEST_EXTRACT_DELAY_MS,
  });
}

/** Retention in seconds, the TTL of every stored key. */
export function retentionSeconds(config: AppConfig): number {
  return config.retentionDays * 24 * 60 * 60;
}

/**
 * The inverse of `loadConfig` for what a worker child needs (a sandboxed extract process or a
 * worker started by a test): the child parses it again with `loadConfig`. Web secrets are left out.
 */
export function workerEnvironment(config: AppConfig): Record<string, string> {
  const env: Record<string, string> = {
    REDIS_URL: config.redisUrl,
    KEY_PREFIX: config.keyPrefix,
    WORKER_CONCURRENCY: String(config.workerConcurrency),
    RETENTION_DAYS: String(config.retentionDays),
    MAX_FILE_BYTES: String(config.maxFileBytes),
    PUBLIC_BASE_URL: config.publicBaseUrl,
    FETCH_TIMEOUT_MS: String(config.fetchTimeoutMs),
    LOG_LEVEL: config.logLevel,
    JOB_LOCK_MS: String(config.jobLockMs),
    STALLED_INTERVAL_MS: String(config.stalledIntervalMs),
    RETRY_BASE_DELAY_MS: String(config.retryBaseDelayMs),
    TEST_EXTRACT_DELAY_MS: String(config.testExtractDelayMs),
  };
  if (config.profilesDir) env.PROFILES_DIR = config.profilesDir;
  if (config.callbackSecret) env.CALLBACK_SECRET = config.callbackSecret;
  return env;
}
