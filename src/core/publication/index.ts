// What the publishing services (DNS; later WHOIS, RDAP) read from the store, as core's queries.
export { dnsSource, startDnsChangePruner, type DnsSource, type DnsChangeReader, type DnsDomainRow, type DnsZoneRow, type DnsHostRow, type DnsNssetRow, type DnsJournalRow, type DnsRecordById } from './dns-source.ts';
export { PAGE_SIZE, PRUNE_INTERVAL_MS, RETENTION_MS, type DnsChange, type FeedRead } from './change-feed.ts';
export { siteSource, type SiteSource, type SiteRow } from './site-source.ts';
