/**
 * Per-route flags read by the app's hooks (Fastify route `config`).
 * - `public`: no bearer token (health, readiness, webhooks that verify their own signature).
 * - `needsRedis`: answer 503 REDIS_UNAVAILABLE before reading the body when Redis is down, so we
 *   never accept work we would then lose.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
    needsRedis?: boolean;
  }
}

export {};
