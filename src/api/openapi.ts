import { reviewOpenApiPaths } from './routes/review-openapi';

/**
 * OpenAPI 3.1 description of every route, written by hand (the routes validate with zod, not JSON
 * Schema). A test compares it with the routes Fastify actually registered, so it cannot drift.
 */
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const unauthorized = errorResponse('Missing or wrong bearer token (code UNAUTHORIZED).');
const redisDown = errorResponse('Redis is not reachable (code REDIS_UNAVAILABLE); retry later. Nothing was accepted.');

const reportResponses = {
  '200': {
    description: 'The report.',
    content: {
      'application/json': { schema: { type: 'object', description: 'Report schema (src/report/report.schema.ts), schemaVersion 1.x' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  },
  '401': unauthorized,
  '404': errorResponse('Not finished yet, not in this batch, erased or expired.'),
  '503': redisDown,
};

const webhookResponses = {
  '200': {
    description: 'A replayed delivery (`{deduplicated: true}`), an erasure (`{deleted: [...]}`) or an event that is not handled (`{ignored: true, reason}`). Nothing new was queued.',
    content: { 'application/json': { schema: { type: 'object' } } },
  },
  '202': {
    description: 'The résumé was queued as a one-file batch.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookAccepted' } } },
  },
  '400': errorResponse('Invalid payload, unknown profile or refused attachment URL.'),
  '401': errorResponse('Missing or invalid signature, or (generic) a timestamp outside tolerance (code INVALID_SIGNATURE). Nothing was queued.'),
  '404': errorResponse('This webhook is not configured: its secret is unset (code WEBHOOK_NOT_CONFIGURED).'),
  '413': errorResponse('The résumé is larger than MAX_FILE_BYTES.'),
  '502': errorResponse('The attachment URL could not be fetched (codes ATTACHMENT_FETCH_FAILED, ATTACHMENT_TIMEOUT).'),
  '503': redisDown,
};

const webhook = (summary: string, description: string, headers: Array<{ name: string; description: string; required: boolean }>) => ({
  post: {
    summary,
    description,
    tags: ['webhooks'],
    security: [],
    parameters: headers.map((header) => ({ in: 'header', name: header.name, required: header.required, description: header.description, schema: { type: 'string' } })),
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: webhookResponses,
  },
});

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'resume-evidence API',
      version: '1.0.0',
      description:
        'Queues résumés for screening against a job profile and serves evidence reports for human reviewers. It never decides: no score, rank or recommendation. See docs/api.md for curl examples.',
    },
    security: [{ bearer: [] }],
    paths: {
      ...reviewOpenApiPaths(),
      '/health': {
        get: { summary: 'Liveness', security: [], responses: { '200': { description: 'The process answers.' } } },
      },
      '/ready': {
        get: {
          summary: 'Readiness: Redis answers',
          security: [],
          responses: { '200': { description: 'Ready to accept work.' }, '503': redisDown },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 JSON.' }, '401': unauthorized } },
      },
      '/v1/profiles': {
        get: {
          summary: 'List job profiles',
          responses: {
            '200': {
              description: 'Known profiles (latest version of each) and the default id.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ProfileList' } } },
            },
            '401': unauthorized,
          },
        },
      },
      '/v1/batches': {
        post: {
          summary: 'Upload résumés as a batch',
          description: 'multipart/form-data: one `file` part per résumé (PDF, DOCX, TXT, Markdown), optional `profile` (default profile when absent), `callbackUrl` (https) and `blind` (`true` turns blind review on for the batch before any file is queued). The whole form is read before anything is queued.',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
                    profile: { type: 'string' },
                    callbackUrl: { type: 'string', format: 'uri' },
                    blind: { type: 'string', enum: ['true', 'false'] },
                  },
                },
              },
            },
          },
          responses: {
            '202': { description: 'Queued.', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchAccepted' } } } },
            '400': errorResponse('No files (NO_FILES), unknown profile (UNKNOWN_PROFILE) or invalid callbackUrl.'),
            '401': unauthorized,
            '413': errorResponse('A file is larger than MAX_FILE_BYTES (FILE_TOO_LARGE, names the file) or too many files (TOO_MANY_FILES).'),
            '415': errorResponse('Not multipart/form-data.'),
            '503': redisDown,
          },
        },
      },
      '/v1/batches/{id}': {
        get: {
          summary: 'Batch status',
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Counts, per-file state and callback state.', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchStatus' } } } },
            '401': unauthorized,
            '404': errorResponse('Unknown or expired batch.'),
            '503': redisDown,
          },
        },
      },
      '/v1/reports/{id}': {
        get: {
          summary: 'One evidence report',
          description: 'JSON by default. Append `.md` or `.html` to the id, or pass `?format=md|html|json`. HTML is served with `Content-Security-Policy: default-src \'none\'; style-src \'unsafe-inline\'`.',
          parameters: [
            { in: 'path', name: 'id', required: true, schema: { type: 'string' }, description: 'report id, optionally with a .json/.md/.html suffix' },
            { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: ['json', 'md', 'html'] } },
            { in: 'query', name: 'blind', required: false, schema: { type: 'string', enum: ['true', 'false'] }, description: '`true`: names, contacts, links and pronouns redacted as in blind review' },
          ],
          responses: reportResponses,
        },
      },
      '/v1/batches/{batchId}/reports/{id}': {
        get: {
          summary: 'One evidence report of a batch, redacted when the batch is blind',
          description: 'As GET /v1/reports/{id}, but only for a report of this batch, and redacted (as in blind review) whenever the batch is blind or `?blind=true`.',
          parameters: [
            { in: 'path', name: 'batchId', required: true, schema: { type: 'string' } },
            { in: 'path', name: 'id', required: true, schema: { type: 'string' }, description: 'report id, optionally with a .json/.md/.html suffix' },
            { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: ['json', 'md', 'html'] } },
            { in: 'query', name: 'blind', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: reportResponses,
        },
      },
      '/v1/candidates/{resumeId}': {
        delete: {
          summary: 'Erase everything stored for one résumé',
          parameters: [{ in: 'path', name: 'resumeId', required: true, schema: { type: 'string', pattern: '^resume-[0-9a-f]{64}$' } }],
          responses: {
            '200': {
              description: 'What was deleted (empty when nothing was left). Idempotent.',
              content: { 'application/json': { schema: { type: 'object', properties: { resumeId: { type: 'string' }, deleted: { type: 'array', items: { type: 'string' } } } } } },
            },
            '400': errorResponse('Malformed resume id.'),
            '401': unauthorized,
            '503': redisDown,
          },
        },
      },
      '/webhooks/greenhouse': webhook(
        'Greenhouse webhook',
        'Signature: `sha256 <hex HMAC-SHA256(GREENHOUSE_SECRET, raw body)>`. Dedupe on Greenhouse-Event-ID. `delete_candidate` erases; application events with a `resume` attachment are fetched and queued. `?profile=<id>` picks the profile.',
        [
          { name: 'Signature', description: 'sha256 <hex>', required: true },
          { name: 'Greenhouse-Event-ID', description: 'unique per delivery', required: false },
        ],
      ),
      '/webhooks/lever': webhook(
        'Lever webhook',
        'Body carries `token`, `triggeredAt`, `signature` = hex HMAC-SHA256(LEVER_SIGNATURE_TOKEN, token + triggeredAt). Dedupe on token. Extension: `data.resumeUrl` or `data.resumeBase64`, `data.fileName`, `data.profileId`. `candidateDeleted` erases.',
        [],
      ),
      '/webhooks/ashby': webhook(
        'Ashby webhook',
        'Ashby-Signature: `sha256=<hex HMAC-SHA256(ASHBY_SECRET, raw body)>`. Extension: `data.resumeUrl` or `data.resumeBase64`, `data.fileName`, `data.profileId`.',
        [{ name: 'Ashby-Signature', description: 'sha256=<hex>', required: true }],
      ),
      '/webhooks/generic': webhook(
        'Generic signed webhook',
        'X-Resume-Evidence-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(GENERIC_WEBHOOK_SECRET, "<t>.<raw body>")>`, within WEBHOOK_TOLERANCE_SECONDS. Body: `{candidateId, profileId?, fileName, resumeBase64? | resumeUrl?, callbackUrl?}`.',
        [
          { name: 'X-Resume-Evidence-Signature', description: 't=<unix seconds>,v1=<hex>', required: true },
          { name: 'X-Resume-Evidence-Delivery', description: 'unique id per delivery; a replay is deduplicated', required: true },
        ],
      ),
      '/admin/queues': {
        get: {
          summary: 'Bull-board dashboard (HTML, with its assets and API under /admin/queues/*)',
          responses: { '200': { description: 'Dashboard page.' }, '401': unauthorized },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' },
        reviewSession: { type: 'apiKey', in: 'cookie', name: 're_review_session', description: 'Reviewer workspace session from POST /review/login' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
        ProfileList: {
          type: 'object',
          properties: {
            defaultProfileId: { type: 'string' },
            profiles: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'string' }, title: { type: 'string' } } } },
          },
        },
        BatchAccepted: {
          type: 'object',
          properties: {
            batchId: { type: 'string' },
            profileId: { type: 'string' },
            blind: { type: 'boolean', description: 'blind review is on for this batch' },
            statusUrl: { type: 'string' },
            files: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  fileName: { type: 'string' },
                  resumeId: { type: 'string' },
                  reportId: { type: 'string' },
                  deduplicated: { type: 'boolean', description: 'the same bytes were already submitted with this profile version' },
                  reportUrl: { type: 'string' },
                },
              },
            },
          },
        },
        BatchStatus: {
          type: 'object',
          properties: {
            batchId: { type: 'string' },
            profileId: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
            finished: { type: 'boolean' },
            counts: { type: 'object', properties: { queued: { type: 'integer' }, running: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' }, total: { type: 'integer' } } },
            files: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  fileName: { type: 'string' },
                  resumeId: { type: 'string' },
                  reportId: { type: 'string' },
                  reportUrl: { type: 'string' },
                  state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
                  error: { $ref: '#/components/schemas/Error/properties/error' },
                  callback: { type: 'object', properties: { state: { type: 'string', enum: ['pending', 'delivered', 'failed'] }, attempts: { type: 'integer' }, lastError: { type: 'string' } } },
                },
              },
            },
          },
        },
        WebhookAccepted: {
          type: 'object',
          properties: { batchId: { type: 'string' }, resumeId: { type: 'string' }, reportId: { type: 'string' }, deduplicated: { type: 'boolean' }, statusUrl: { type: 'string' } },
        },
      },
    },
  };
}
