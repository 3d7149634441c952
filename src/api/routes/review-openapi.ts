/**
 * OpenAPI entries of the reviewer workspace (spread into src/api/openapi.ts). Browser pages under
 * /review authenticate with the session cookie from POST /review/login, not the bearer token.
 */
const batchParam = { in: 'path', name: 'batchId', required: true, schema: { type: 'string' } };
const reportParam = { in: 'path', name: 'reportId', required: true, schema: { type: 'string', pattern: '^report-[0-9a-f]{32}$' } };
const idParam = { in: 'path', name: 'id', required: true, schema: { type: 'string' } };
const session = [{ reviewSession: [] }];
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const redirect = (description: string) => ({ description });
const tags = ['reviewer workspace'];

const page = (summary: string, parameters: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  get: { summary, tags, security: session, parameters, responses: { '200': html('The page.'), '303': redirect('Not signed in: redirect to /review/login.'), ...extra } },
});
const form = (summary: string, parameters: unknown[], description: string) => ({
  post: {
    summary,
    description,
    tags,
    security: session,
    parameters,
    requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
    responses: { '303': redirect('Done: redirect to the candidate page.'), '400': html('Invalid form (e.g. decline without a reason).'), '401': html('No session or CSRF token mismatch.') },
  },
});
const sessionExport = (summary: string, type: string) => ({
  get: { summary, tags, security: session, parameters: [batchParam], responses: { '200': { description: 'The export (attachment).', content: { [type]: { schema: { type: type === 'text/csv' ? 'string' : 'object' } } } }, '303': redirect('Not signed in.') } },
});

export function reviewOpenApiPaths(): Record<string, unknown> {
  return {
    '/review/login': {
      get: { summary: 'Sign-in form of the reviewer workspace', tags, security: [], responses: { '200': html('The form.') } },
      post: {
        summary: 'Exchange a reviewer token (REVIEWER_TOKENS) or API_TOKEN plus a reviewer id for a session cookie',
        tags,
        security: [],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { reviewerId: { type: 'string' }, token: { type: 'string' }, next: { type: 'string' } } } } } },
        responses: { '303': redirect('Signed in: HttpOnly, SameSite=Strict cookie set; redirect to `next`.'), '401': html('Wrong reviewer id or token.') },
      },
    },
    '/review/logout': { post: { summary: 'End the session', tags, security: session, responses: { '303': redirect('Cookie cleared.') } } },
    '/review': page('Workspace home: open or upload a batch'),
    '/review/batches': {
      ...page('Open a batch by id (?id=)', [{ in: 'query', name: 'id', required: true, schema: { type: 'string' } }]),
      post: {
        summary: 'Upload a batch from the browser (multipart: file parts, profile, blind=true, csrf)',
        tags,
        security: session,
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } },
        responses: { '303': redirect('Queued: redirect to the batch page.'), '400': html('No files, unknown profile.'), '401': html('No session or CSRF mismatch.'), '413': html('File too large.') },
      },
    },
    '/review/batches/{batchId}': page('Batch page: a column per requirement, flags, latest decision; filters and sorting by query parameters', [batchParam], { '404': html('Unknown batch.') }),
    '/review/batches/{batchId}/oversight': page('Oversight figures: decisions beside the evidence, per reviewer', [batchParam]),
    '/review/batches/{batchId}/candidates/{reportId}': page('Candidate page: evidence beside the extracted text, decision form and history', [batchParam, reportParam], { '404': html('Not in this batch.') }),
    '/review/batches/{batchId}/candidates/{reportId}/original': {
      get: {
        summary: 'The original file (Content-Disposition: attachment); in a blind batch only after revealing',
        tags,
        security: session,
        parameters: [batchParam, reportParam],
        responses: { '200': { description: 'The stored bytes with their content type.' }, '403': html('Blind review: reveal first.'), '404': html('Erased or expired.') },
      },
    },
    '/review/batches/{batchId}/candidates/{reportId}/decisions': form('Record a decision (advance, hold, decline + reason, notes)', [batchParam, reportParam], 'Appends to the history; never overwrites. Logged in the audit log.'),
    '/review/batches/{batchId}/candidates/{reportId}/reveal': form('Reveal the identity of a candidate in a blind batch', [batchParam, reportParam], 'Logged in the audit log with the reviewer id.'),
    '/review/batches/{batchId}/audit.csv': sessionExport('Audit log as CSV', 'text/csv'),
    '/review/batches/{batchId}/audit.json': sessionExport('Audit log as JSON', 'application/json'),
    '/review/batches/{batchId}/decisions.json': sessionExport('Decisions export (input of `resume-evidence audit`)', 'application/json'),
    '/review/batches/{batchId}/oversight.csv': sessionExport('Oversight figures as CSV', 'text/csv'),
    '/review/batches/{batchId}/oversight.json': sessionExport('Oversight figures as JSON', 'application/json'),
    '/v1/batches/{id}/audit': {
      get: {
        summary: 'Audit log of a batch (reviews, reveals, erasures): JSON, or CSV with ?format=csv',
        tags,
        parameters: [idParam, { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: ['json', 'csv'] } }],
        responses: { '200': { description: 'The log, oldest first.' }, '401': error('Missing or wrong bearer token.'), '404': error('Unknown batch.') },
      },
    },
    '/v1/batches/{id}/decisions': {
      get: { summary: 'Decisions export of a batch (input of `resume-evidence audit`)', tags, parameters: [idParam], responses: { '200': { description: 'Every candidate with levels, latest decision and full history.' }, '401': error('Missing or wrong bearer token.'), '404': error('Unknown batch.') } },
    },
    '/v1/batches/{id}/oversight': {
      get: {
        summary: 'Oversight figures of a batch: JSON, or CSV with ?format=csv',
        tags,
        parameters: [idParam, { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: ['json', 'csv'] } }],
        responses: { '200': { description: 'Per reviewer and evidence pattern.' }, '401': error('Missing or wrong bearer token.'), '404': error('Unknown batch.') },
      },
    },
    '/v1/batches/{id}/review-settings': {
      put: {
        summary: 'Switch blind review on for a batch (it cannot be switched off)',
        tags,
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { blind: { const: true } }, required: ['blind'] } } } },
        responses: { '200': { description: '{batchId, blind: true, changed}' }, '400': error('Body other than {"blind": true}.'), '401': error('Missing or wrong bearer token.'), '404': error('Unknown batch.') },
      },
    },
  };
}
