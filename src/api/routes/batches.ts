import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicUrl, type AppDeps } from '../app-deps';
import { validateCallbackUrl } from '../callback-url';
import { safeFileName } from '../file-name';
import { ApiError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { parseWith } from '../validation';
import type { ReviewStore } from '../../queue/review-store';

interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

interface UploadForm {
  files: UploadedFile[];
  fields: Map<string, string>;
}

const BatchParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a batch id as returned by POST /v1/batches') });

/**
 * Reads the whole multipart form before queueing anything: a file over the limit, one file too
 * many or an unknown profile then rejects the request as a whole instead of leaving half a batch.
 * Memory is bounded by MAX_FILES_PER_BATCH × MAX_FILE_BYTES.
 */
async function readUploadForm(request: FastifyRequest, deps: AppDeps): Promise<UploadForm> {
  const { maxFileBytes, maxFilesPerBatch } = deps.config;
  if (!request.isMultipart()) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data: one "file" part per résumé, optional "profile", "callbackUrl" and "blind" fields.');
  }
  const files: UploadedFile[] = [];
  const fields = new Map<string, string>();
  const parts = request.parts({
    limits: { fileSize: maxFileBytes, files: maxFilesPerBatch, fields: 10, fieldSize: 4096 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      const fileName = safeFileName(part.filename, `file-${files.length + 1}`);
      if (part.fieldname !== 'file') {
        throw new ApiError('INVALID_INPUT', `Unexpected file field "${part.fieldname}"; send each résumé as a part named "file".`);
      }
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new ApiError('FILE_TOO_LARGE', `File "${fileName}" is larger than ${maxFileBytes} bytes (MAX_FILE_BYTES); nothing in this request was queued.`);
        }
        throw error;
      }
      files.push({ fileName, bytes: new Uint8Array(bytes) });
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_FILES_LIMIT') {
      throw new ApiError('TOO_MANY_FILES', `Too many files: at most ${maxFilesPerBatch} per batch (MAX_FILES_PER_BATCH); split them over several batches. Nothing was queued.`);
    }
    throw error;
  }
  return { files, fields };
}

/** The optional `blind` form field: "true" or "false" (default false); anything else is refused. */
function parseBlindField(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ApiError('INVALID_INPUT', 'The "blind" field must be "true" or "false".');
}

export function registerBatchRoutes(app: FastifyInstance, deps: AppDeps, reviewStore: ReviewStore): void {
  app.post('/v1/batches', { config: { needsRedis: true } }, async (request, reply) => {
    const { files, fields } = await readUploadForm(request, deps);
    if (files.length === 0) {
      throw new ApiError('NO_FILES', 'No files in the request; add at least one multipart part named "file".');
    }
    const profileId = resolveProfileId(deps.service, fields.get('profile'));
    const callbackUrl = validateCallbackUrl(fields.get('callbackUrl'), deps.config);
    const blind = parseBlindField(fields.get('blind'));
    const { batchId } = await deps.service.createBatch({ profileId, ...(callbackUrl === undefined ? {} : { callbackUrl }) });
    // Set before any file is queued, so no page of this batch is ever shown with identities.
    if (blind) await reviewStore.enableBlind(batchId, 'api', new Date().toISOString());
    const accepted = [];
    for (const file of files) {
      const result = await deps.service.submitFile({
        bytes: file.bytes,
        fileName: file.fileName,
        profileId,
        batchId,
        origin: 'upload',
        ...(callbackUrl === undefined ? {} : { callbackUrl }),
      });
      accepted.push({ fileName: file.fileName, ...result, reportUrl: publicUrl(deps.config, `/v1/reports/${result.reportId}`) });
    }
    const statusUrl = publicUrl(deps.config, `/v1/batches/${batchId}`);
    return reply.code(202).header('location', statusUrl).send({ batchId, profileId, blind, files: accepted, statusUrl });
  });

  app.get('/v1/batches/:id', { config: { needsRedis: true } }, async (request) => {
    const { id } = parseWith(BatchParamsSchema, request.params, 'path');
    const status = await deps.service.getBatchStatus(id);
    if (status === null) throw new ApiError('NOT_FOUND', `No batch ${id}: check the id, or it expired after RETENTION_DAYS.`);
    const { counts } = status;
    return {
      ...status,
      finished: counts.done + counts.failed === counts.total,
      files: status.files.map((file) => ({ ...file, reportUrl: publicUrl(deps.config, `/v1/reports/${file.reportId}`) })),
    };
  });
}
