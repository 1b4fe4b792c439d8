export { buildApp, type AppOptions } from './app.ts';
export { startServer, CLOCK_POLL_MS, type RunningServer, type StartOptions } from './serve.ts';
