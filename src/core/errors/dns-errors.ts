/** Hosted DNS: zones, records and zone files. */
import { AlreadyExists, InvalidParameter, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** The domain is on external name servers (or forwarding, parking…): regd does not serve its zone. */
export class DnsNotHosted extends StatusProhibits<{ name: string; serviceMode: string }> {
  readonly code = 'DNS_NOT_HOSTED';
  constructor(name: string, serviceMode: string) {
    super(`Domain ${name} does not use regd's name servers (service: ${serviceMode}); its DNS records cannot be managed here.`, { name, serviceMode });
  }
}

/** A record id that does not exist, is another account's, or is already gone from the zone being edited. */
export class DnsRecordNotFound extends NotFound<{ recordId: number | string }> {
  readonly code = 'DNS_RECORD_NOT_FOUND';
  constructor(recordId: number | string) {
    super(`DNS record ${recordId} not found.`, { recordId });
  }
}

/** The zone already holds the same record (same owner, type and data; TTL does not count). */
export class DnsRecordExists extends AlreadyExists<{ name: string; type: string; value: string }> {
  readonly code = 'DNS_RECORD_EXISTS';
  constructor(name: string, type: string, value: string) {
    super(`The zone already has the ${type} record ${name} ${value}.`, { name, type, value });
  }
}

/** A change would take a hosted zone past a cap (dns.maxRecordsPerZone, dns.maxZoneBytes); a change that shrinks a zone already past one is allowed. */
export class DnsZoneLimitExceeded extends PolicyViolation<{ name: string; limit: 'records' | 'bytes'; max: number; after: number }> {
  readonly code = 'DNS_ZONE_LIMIT_EXCEEDED';
  constructor(name: string, limit: 'records' | 'bytes', max: number, after: number) {
    super(
      limit === 'records'
        ? `Zone ${name} would hold ${after} records; at most ${max} are allowed.`
        : `Zone ${name} would hold ${after} bytes of record data; at most ${max} are allowed.`,
      { name, limit, max, after },
    );
  }
}

/** A CNAME owner may hold no other data, and the zone apex cannot be a CNAME. */
export class CnameConflict extends PolicyViolation<{ name: string; reason: string }> {
  readonly code = 'CNAME_CONFLICT';
  constructor(name: string, reason: string) {
    super(`CNAME conflict at ${name}: ${reason}.`, { name, reason });
  }
}

export class InvalidRecordType extends InvalidParameter<{ param: string; type: unknown; allowed: readonly string[] }> {
  readonly code = 'INVALID_RECORD_TYPE';
  constructor(type: unknown, allowed: readonly string[], param = 'type') {
    super(`Unsupported DNS record type "${String(type)}" (supported: ${allowed.join(', ')}).`, { param, type, allowed });
  }
}

/** The owner name of a record (relative to the zone apex). */
export class InvalidRecordName extends InvalidParameter<{ param: string; name: unknown; reason: string }> {
  readonly code = 'INVALID_RECORD_NAME';
  constructor(name: unknown, reason: string, param = 'name') {
    super(`Invalid DNS record name "${String(name)}": ${reason}.`, { param, name, reason });
  }
}

/** The data of a record (address, host, text…) or one of its numeric fields does not fit its type. */
export class InvalidRecordValue extends InvalidParameter<{ param: string; type: string; value: unknown; reason: string }> {
  readonly code = 'INVALID_RECORD_VALUE';
  constructor(type: string, value: unknown, reason: string, param = 'value') {
    super(`Invalid ${type} record ${param}: ${reason}.`, { param, type, value, reason });
  }
}

export class InvalidRecordTtl extends InvalidParameter<{ param: string; ttl: unknown; min: number; max: number }> {
  readonly code = 'INVALID_RECORD_TTL';
  constructor(ttl: unknown, min: number, max: number, param = 'ttl') {
    super(`Invalid TTL ${JSON.stringify(ttl) ?? String(ttl)}: a whole number of seconds from ${min} to ${max} is required.`, { param, ttl, min, max });
  }
}

/** A master file that cannot be read, with the (1-based) line where reading stopped. */
export class ZoneFileInvalid extends InvalidParameter<{ param: string; line: number; reason: string }> {
  readonly code = 'ZONE_FILE_INVALID';
  constructor(line: number, reason: string, param = 'zone') {
    super(`Zone file line ${line}: ${reason.replace(/\.?$/, '.')}`, { param, line, reason });
  }
}
