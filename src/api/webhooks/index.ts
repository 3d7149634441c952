import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { registerAshbyWebhook } from './ashby';
import { registerGenericWebhook } from './generic';
import { registerGreenhouseWebhook } from './greenhouse';
import { registerLeverWebhook } from './lever';
import { keepRawBodies } from './raw-body';

/**
 * All ATS webhooks, in one encapsulated scope (mounted at /webhooks) whose only body parser keeps
 * raw bytes. Room for an inline base64 résumé: 4/3 of MAX_FILE_BYTES plus 64 KiB of JSON.
 */
export async function webhookRoutes(scope: FastifyInstance, deps: AppDeps): Promise<void> {
  keepRawBodies(scope, Math.ceil((deps.config.maxFileBytes * 4) / 3) + 64 * 1024);
  registerGreenhouseWebhook(scope, deps);
  registerLeverWebhook(scope, deps);
  registerAshbyWebhook(scope, deps);
  registerGenericWebhook(scope, deps);
}
