import { defaultProfile } from '../profile/load-profile';
import type { ScreeningService } from '../queue/screening-service';
import { ApiError } from './http-errors';

/**
 * The profile a request asked for, or the built-in default when it asked for none. An id the
 * service does not know is a client error that names the id and the ones that exist.
 */
export function resolveProfileId(service: ScreeningService, requested: string | undefined): string {
  const profileId = requested === undefined || requested.trim() === '' ? defaultProfile().id : requested.trim();
  const known = service.listProfiles().map((profile) => profile.id);
  if (!known.includes(profileId)) {
    throw new ApiError('UNKNOWN_PROFILE', `Unknown profile "${profileId}"; known profiles: ${known.join(', ') || '(none)'}. See GET /v1/profiles.`);
  }
  return profileId;
}
