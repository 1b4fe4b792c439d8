/** Results shared by the DNS flows. */
import type { DnsZoneRow } from '../../../store/index.ts';
import { DNS_DEFAULT_TTL } from '../../dns/ttl.ts';
import type { DnsRecordView } from './record-rows.ts';
import type { HostedZone } from './hosted-zone.ts';
import { baseSerial } from './zone-publish.ts';

/** A zone's publication state: its serial, and when pending staged changes publish themselves. */
export interface ZoneStatus {
  /** The domain, lower-case A-labels. */
  readonly domain: string;
  readonly serial: number;
  /** Set while staged changes wait for a commit. */
  readonly autoCommitAt: Date | null;
}

export interface ZoneRecordsResult extends ZoneStatus {
  readonly records: readonly DnsRecordView[];
}

export interface RecordChangeResult extends ZoneStatus {
  /** The record as the zone will serve it after the next commit (immediately, for an immediate change). */
  readonly record: DnsRecordView;
}

export function zoneStatus(hosted: HostedZone, zone: DnsZoneRow | undefined = hosted.zone): ZoneStatus {
  return { domain: hosted.apex, serial: zone?.serial ?? baseSerial(hosted.domain), autoCommitAt: zone?.auto_commit_at ?? null };
}

/** TTL for records that give none. */
export function zoneDefaultTtl(hosted: HostedZone): number {
  return hosted.zone?.default_ttl ?? DNS_DEFAULT_TTL;
}
