// The URL forwarding / stealth / parking HTTP service.
export { startForwardingServer, hostOf, type RunningForwardingServer, type StartForwardingInput } from './server.ts';
export { FORWARDING_DEFAULTS, type ForwardingOptions } from './options.ts';
export { forwardTarget, escapeHtml } from './pages.ts';
