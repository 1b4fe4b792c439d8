/**
 * GET /healthz: the database answers, and what time the engine runs at.
 * 503 with status "error" when the database does not answer in time.
 */
import type { FastifyPluginAsync } from 'fastify';
import { pingStore } from '../store/index.ts';

const DATABASE_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async (request, reply) => {
    const { store, engine, config } = app.regd;
    const body = { database: store.kind, time: engine.clock.now().toISOString(), mode: config.mode };
    try {
      await withTimeout(pingStore(store), DATABASE_TIMEOUT_MS);
      return { status: 'ok', ...body };
    } catch (err) {
      request.log.warn({ err }, 'health check: database does not answer');
      return reply.code(503).send({ status: 'error', ...body, error: 'database does not answer' });
    }
  });
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
