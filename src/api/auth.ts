import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, sendHttpError } from './http-errors';
import { constantTimeEqual } from './signature';

/**
 * Bearer-token check for every route not marked `config: { public: true }` (health, readiness and
 * webhooks, which carry their own signatures). Unknown URLs are checked too, so a 404 does not tell
 * an anonymous caller which routes exist.
 */
export function bearerAuth(apiToken: string) {
  return async function checkBearer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.routeOptions.config?.public === true) return undefined;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const token = match?.[1];
    if (token === undefined || !constantTimeEqual(token, apiToken)) {
      // Sent from here rather than thrown: the dashboard's scope has bull-board's own error handler.
      return sendHttpError(reply, new ApiError('UNAUTHORIZED', 'Missing or wrong bearer token; send "Authorization: Bearer <API_TOKEN>".'));
    }
    return undefined;
  };
}
