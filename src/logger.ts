import pino, { type Logger } from 'pino';
import type { AppConfig } from './config';

export type { Logger } from 'pino';

/**
 * Contact details and résumé text must never reach a log line, even by accident (an error
 * object carrying a quote, a payload logged whole). pino removes these paths before writing.
 */
const CONTACT_FIELDS = ['email', 'phone', 'name', 'fullName', 'address', 'text', 'quote', 'quotes', 'matched', 'fileName', 'bytes', 'lines'];
export const REDACT_PATHS = [...CONTACT_FIELDS, ...CONTACT_FIELDS.map((field) => `*.${field}`)];

/**
 * `destination`: where lines go (default: stdout). Tests pass a stream to read what would be logged.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  bindings: Record<string, string> = {},
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'resume-evidence', ...bindings },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** One child per job run, so every line of one attempt can be found together. Ids only. */
export function jobLogger(
  logger: Logger,
  job: { id?: string | undefined; name: string; attemptsMade: number },
): Logger {
  return logger.child({ jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
}
