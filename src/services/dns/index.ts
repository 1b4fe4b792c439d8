// The DNS service's public door: the server, its options, and the pieces tests and the CLI use.
export { startDnsServer, feedOf, type RunningDnsServer, type StartDnsServerInput, type DnsLogger, type DnsFeed } from './server.ts';
export { startDnsThreads, type RunningDnsThreads, type StartDnsThreadsInput } from './threads/host.ts';
export { resolveDnsOptions, DNS_DEFAULTS, DnsOptionError, type DnsOptions, type DnsOptionsInput, type TsigKey, type Secondary } from './options.ts';
export { DnsIndex } from './dns-index.ts';
export { answer, RCODE, type Answer, type Question } from './answer.ts';
export { encodeResponse } from './encode.ts';
export { QueryProcessor } from './query.ts';
export { zoneText } from './zone-text.ts';
export { loadZoneForExport, loadPublishedZones, exportZoneText } from './export.ts';
