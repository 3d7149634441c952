import type { FastifyInstance } from 'fastify';
import { defaultProfile } from '../../profile/load-profile';
import type { AppDeps } from '../app-deps';

export function registerProfileRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/v1/profiles', async () => ({
    defaultProfileId: defaultProfile().id,
    profiles: deps.service.listProfiles(),
  }));
}
