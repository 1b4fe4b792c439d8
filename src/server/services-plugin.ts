/**
 * Shares the process's services with every plugin (dialects, operator API)
 * as Fastify decorations, and exposes the clock-move hook on the app.
 */
import fp from 'fastify-plugin';
import type { ClockMovedListener } from '../runtime/clock-sync.ts';
import type { Services } from '../runtime/services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    readonly regd: Services;
    /** Subscribe to moves of the sandbox clock (the lifecycle sweeper runs after each). Returns the unsubscribe function. */
    onClockMoved(listener: ClockMovedListener): () => void;
  }
}

export const servicesPlugin = fp<{ services: Services }>(
  async (app, { services }) => {
    app.decorate('regd', services);
    app.decorate('onClockMoved', (listener: ClockMovedListener) => services.clockSync.onClockMoved(listener));
  },
  { name: 'regd-services' },
);
