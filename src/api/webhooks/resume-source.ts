import { z } from 'zod';
import type { AppConfig } from '../../config';
import { fetchAttachment } from '../fetch-attachment';
import { safeFileName } from '../file-name';
import { ApiError } from '../http-errors';

/**
 * How a webhook hands us a résumé: inline base64 or a URL we fetch at once (signed ATS links
 * expire). Exactly one of the two.
 */
export const ResumeSourceSchema = z
  .object({
    resumeBase64: z.string().min(1).optional(),
    resumeUrl: z.string().min(1).optional(),
  })
  .refine((source) => (source.resumeBase64 === undefined) !== (source.resumeUrl === undefined), {
    message: 'give exactly one of resumeBase64 or resumeUrl',
  });
export type ResumeSource = z.infer<typeof ResumeSourceSchema>;

export interface ObtainedResume {
  bytes: Uint8Array;
  fileName: string;
}

export async function obtainResume(source: ResumeSource, fileName: string | undefined, config: AppConfig): Promise<ObtainedResume> {
  if (source.resumeBase64 !== undefined) {
    return { bytes: decodeBase64(source.resumeBase64, config.maxFileBytes), fileName: safeFileName(fileName, 'resume') };
  }
  if (source.resumeUrl === undefined) throw new ApiError('INVALID_INPUT', 'give exactly one of resumeBase64 or resumeUrl');
  const fetched = await fetchAttachment(source.resumeUrl, {
    allowlist: config.fetchAllowlist,
    maxBytes: config.maxFileBytes,
    timeoutMs: config.fetchTimeoutMs,
  });
  const fromUrl = decodeURIComponentSafe(fetched.finalUrl.pathname.split('/').pop() ?? '');
  return { bytes: fetched.bytes, fileName: safeFileName(fileName ?? fromUrl, 'resume') };
}

/** Strict base64: Buffer.from would silently skip garbage and hand the extractor half a file. */
function decodeBase64(text: string, maxBytes: number): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new ApiError('INVALID_INPUT', 'resumeBase64 is not valid base64 (standard alphabet, padded).');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw new ApiError('EMPTY_FILE', 'resumeBase64 decodes to an empty file.');
  if (bytes.length > maxBytes) {
    throw new ApiError('FILE_TOO_LARGE', `The inline résumé is ${bytes.length} bytes, above MAX_FILE_BYTES (${maxBytes}).`);
  }
  return new Uint8Array(bytes);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
