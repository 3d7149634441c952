import type { AppConfig } from '../config';
import { matchAllowlist } from './address-policy';
import { ApiError } from './http-errors';

/**
 * Checks a result-callback URL when it is handed in, so a typo fails the request instead of every
 * later delivery: an absolute https URL, or http to a host named exactly in FETCH_ALLOWLIST
 * (local receivers in tests). Where callbacks may actually connect is enforced at delivery.
 */
export function validateCallbackUrl(raw: string | undefined, config: AppConfig): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ApiError('INVALID_INPUT', 'callbackUrl is not a valid absolute URL.');
  }
  const plainHttpAllowed = url.protocol === 'http:' && matchAllowlist(url.hostname, config.fetchAllowlist) === 'exact';
  if (url.protocol !== 'https:' && !plainHttpAllowed) {
    throw new ApiError('INVALID_INPUT', 'callbackUrl must use https.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ApiError('INVALID_INPUT', 'callbackUrl must not carry credentials; results are signed with CALLBACK_SECRET instead.');
  }
  return url.toString();
}
