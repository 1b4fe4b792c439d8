/**
 * GET /metrics in the Prometheus text format: the process's default metrics
 * and a request counter by method, route pattern and status. Each app has its
 * own registry, so several apps in one process (tests) do not collide; it is
 * exposed as `app.metricsRegistry` so services started beside the app (the
 * DNS server) put their counters on the same /metrics.
 */
import fp from 'fastify-plugin';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry behind GET /metrics. */
    readonly metricsRegistry: Registry;
  }
}

export const metricsPlugin = fp(
  async (app) => {
    const registry = new Registry();
    app.decorate('metricsRegistry', registry);
    collectDefaultMetrics({ register: registry, prefix: 'regd_' });
    const requests = new Counter({
      name: 'regd_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, not the raw URL: bounded label values.
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    });
    app.get('/metrics', async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'regd-metrics' },
);
