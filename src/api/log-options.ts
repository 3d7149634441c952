import { REDACT_PATHS } from '../logger';

/**
 * What the HTTP layer must never write to a log: credentials and signatures in headers, and any
 * body (uploads and webhooks carry résumés and contact details). Fastify's default request
 * serializer logs no headers or bodies; these paths are the second line of defence if someone
 * logs `request` or `request.headers` whole. The queue's contact-field paths are added on top.
 */
export const HTTP_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.signature',
  'req.headers["ashby-signature"]',
  'req.headers["x-resume-evidence-signature"]',
  'headers.authorization',
  'headers.cookie',
  'headers.signature',
  'headers["ashby-signature"]',
  'headers["x-resume-evidence-signature"]',
  'req.body',
  'res.body',
  'body',
  '*.body',
  'signature',
  '*.signature',
  'token',
  '*.token',
  'resumeBase64',
  '*.resumeBase64',
  ...REDACT_PATHS,
];

export const HTTP_REDACT = { paths: HTTP_REDACT_PATHS, censor: '[redacted]' };
