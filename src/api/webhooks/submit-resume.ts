import { publicUrl, type AppDeps } from '../app-deps';
import type { ObtainedResume } from './resume-source';

export type WebhookOrigin = 'greenhouse' | 'lever' | 'ashby' | 'generic';

export type WebhookOutcome =
  | { status: 202; body: { batchId: string; resumeId: string; reportId: string; deduplicated: boolean; statusUrl: string } }
  | { status: 200; body: { deduplicated: true; deliveryId: string } };

/**
 * Claims the delivery, then queues the résumé as a one-file batch. The résumé is fetched and
 * checked BEFORE the claim: a delivery that fails early (an expired link, a 5xx) is not marked
 * seen, so the ATS's own retry still gets through. A replay answers 200 and queues nothing.
 */
export async function submitWebhookResume(
  deps: AppDeps,
  input: {
    origin: WebhookOrigin;
    deliveryId: string;
    profileId: string;
    externalCandidateId: string;
    resume: ObtainedResume;
    callbackUrl?: string;
  },
): Promise<WebhookOutcome> {
  const { service } = deps;
  const firstTime = await service.claimDelivery(input.origin, input.deliveryId);
  if (!firstTime) return { status: 200, body: { deduplicated: true, deliveryId: input.deliveryId } };
  const { batchId } = await service.createBatch({
    profileId: input.profileId,
    ...(input.callbackUrl === undefined ? {} : { callbackUrl: input.callbackUrl }),
  });
  const submitted = await service.submitFile({
    bytes: input.resume.bytes,
    fileName: input.resume.fileName,
    profileId: input.profileId,
    batchId,
    origin: input.origin,
    externalCandidateId: input.externalCandidateId,
    ...(input.callbackUrl === undefined ? {} : { callbackUrl: input.callbackUrl }),
  });
  return {
    status: 202,
    body: { batchId, ...submitted, statusUrl: publicUrl(deps.config, `/v1/batches/${batchId}`) },
  };
}

/** ATS ids are namespaced so a Greenhouse 42 and a Lever 42 never erase each other's reports. */
export function externalId(origin: WebhookOrigin, id: string | number): string {
  return `${origin}-${String(id)}`;
}
