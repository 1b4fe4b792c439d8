// The WHOIS service (RFC 3912): see server.ts; notices.ts is shared with RDAP.
export { startWhoisServer, MAX_QUERY_BYTES, type RunningWhoisServer, type WhoisServerOptions } from './server.ts';
export { AddressLimits } from './address-limits.ts';
export type { RegistrarIdentity } from './notices.ts';
