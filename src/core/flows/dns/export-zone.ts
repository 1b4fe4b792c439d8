/**
 * `regd dns export`: the published zone as an RFC 1035 master file. The
 * caller (CLI, DNS service) supplies what only the operator knows — the
 * SOA's name server, mailbox and timers, and regd's apex name servers; the
 * serial is the zone's own.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { formatZoneFile, type SoaFields } from '../../dns/zone-file.ts';
import { parseHostName } from '../../names.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { loadZoneRows, modelOf, zoneView } from './record-rows.ts';
import { zoneDefaultTtl, zoneStatus, type ZoneStatus } from './zone-result.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DNS_NOT_HOSTED',
  'INVALID_VALUE', 'INVALID_HOST_NAME',
] as const satisfies readonly ErrorCode[];

export type SoaSettings = Omit<SoaFields, 'serial'>;

export interface ExportZoneInput {
  readonly accountId?: number;
  readonly name: string;
  /** Without it the file has no SOA line (records only). */
  readonly soa?: SoaSettings;
  readonly nameServers?: readonly string[];
}

export interface ExportZoneResult extends Omit<ZoneStatus, 'autoCommitAt'> {
  readonly text: string;
}

const SOA_TIMERS = ['refresh', 'retry', 'expire', 'minimum'] as const;
const UINT32_MAX = 0xffff_ffff;

export async function exportZone(ctx: FlowContext, input: ExportZoneInput): Promise<ExportZoneResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'read');
  const nameServers = (input.nameServers ?? []).map((ns) => parseHostName(ns, 'name_servers'));
  const status = zoneStatus(hosted);
  const soa = input.soa ? { ...validateSoa(input.soa), serial: status.serial } : undefined;
  const models = (await loadZoneRows(ctx, hosted.domain.id)).map(modelOf);
  const text = formatZoneFile({
    apex: hosted.apex,
    defaultTtl: zoneDefaultTtl(hosted),
    ...(soa ? { soa } : {}),
    nameServers,
    records: zoneView(models, 'published'),
  });
  return { domain: status.domain, serial: status.serial, text };
}

function validateSoa(soa: SoaSettings): SoaSettings {
  const timers = Object.fromEntries(
    SOA_TIMERS.map((k) => {
      const v = soa[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw new InvalidValue(`soa.${k}`, 'a whole number of seconds is required', v);
      return [k, v];
    }),
  ) as Pick<SoaSettings, (typeof SOA_TIMERS)[number]>;
  return { mname: parseHostName(soa.mname, 'soa.mname'), rname: parseHostName(soa.rname, 'soa.rname'), ...timers };
}
