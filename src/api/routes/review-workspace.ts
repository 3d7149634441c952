import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../logger';
import { loadProfileRegistry } from '../../profile/profile-registry';
import { ReviewStore } from '../../queue/review-store';
import type { ScreeningService } from '../../queue/screening-service';
import { sessionKey } from '../../review/session';
import type { AppDeps } from '../app-deps';
import type { ReviewDeps } from './review-context';
import { registerReviewApiRoutes, registerReviewSessionExports } from './review-exports';
import { registerReviewPages } from './review-pages';

const FORM_BODY_LIMIT = 64 * 1024;
const auditedServices = new WeakSet<ScreeningService>();

/**
 * The reviewer workspace: browser pages under /review (session cookie, no bearer token) and its
 * exports under /v1 (bearer token). Opens its own Redis connection, closed with the app, and
 * returns its store so the upload route can record a batch's blind-review setting.
 */
export function registerReviewRoutes(app: FastifyInstance, deps: AppDeps & { logger?: Logger }): ReviewStore {
  const logger = (deps.logger ?? app.log) as Logger;
  const store = ReviewStore.create(deps.config, { logger });
  const review: ReviewDeps = {
    config: deps.config,
    service: deps.service,
    store,
    profiles: loadProfileRegistry(deps.config),
    sessionKey: sessionKey(deps.config.apiToken ?? ''),
  };
  app.addHook('onClose', async () => store.close());

  // Erasures (API or webhook) go into the audit log of every batch the résumé was in: ids only.
  if (!auditedServices.has(deps.service)) {
    auditedServices.add(deps.service);
    deps.service.onErasure(async (erased) => {
      const at = new Date().toISOString();
      for (const batchId of erased.batchIds) {
        await store.appendAudit({ at, action: 'erasure', actor: 'system', batchId, resumeId: erased.resumeId, detail: `reports ${erased.reportIds.join(' ')}` });
      }
    });
  }

  registerReviewApiRoutes(app, review);
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    registerReviewPages(scope, review);
    registerReviewSessionExports(scope, review);
  });
  return store;
}
