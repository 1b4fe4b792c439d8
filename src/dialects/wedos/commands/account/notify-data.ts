/**
 * A notification of the engine as WAPI's poll `notify` element:
 * {code, result, timestamp, clTRID, svTRID, command, id, data?}. The
 * timestamp is the notification's creation (unix seconds); clTRID and
 * svTRID are the originating request's when it came through WAPI (ping-async),
 * else "" and a server id derived from the notification. Engine events map
 * to the command whose result they are:
 *
 * | kind | command | code |
 * |---|---|---|
 * | domain.created, drop.fulfilled | domain-create | 1000 |
 * | domain.create_failed, drop.failed | domain-create | 3221 |
 * | domain.renewed | domain-renew | 1000 |
 * | domain.renew_failed | domain-renew | 3002 |
 * | transfer.completed | domain-transfer | 1000 (gaining side), 1200 (losing side) |
 * | transfer.failed | domain-transfer | 3226 |
 * | domain.expired, domain.redemption, domain.released, reminder.expiry, push.expired | domain-info | 1000 |
 *
 * `data` (domain events): name, event (the engine's kind), message, and
 * num / expiration when the event has an order or a new expiry.
 */
import type { NotificationView } from '../../../../core/index.ts';
import type { WireData } from '../../command.ts';
import { resultText } from '../../codes.ts';
import { unixSeconds } from '../../render.ts';

const KINDS: Readonly<Record<string, readonly [string, number]>> = {
  'domain.created': ['domain-create', 1000],
  'drop.fulfilled': ['domain-create', 1000],
  'domain.create_failed': ['domain-create', 3221],
  'drop.failed': ['domain-create', 3221],
  'domain.renewed': ['domain-renew', 1000],
  'domain.renew_failed': ['domain-renew', 3002],
  'transfer.completed': ['domain-transfer', 1000],
  'transfer.failed': ['domain-transfer', 3226],
};

export function notifyData(n: NotificationView): WireData {
  const p = n.payload;
  const [command, code] = commandAndCode(n);
  const stamp = unixSeconds(n.createdAt);
  const data = n.domainName !== null ? domainData(n) : undefined;
  return {
    code,
    result: resultText(code),
    timestamp: stamp,
    clTRID: typeof p.clTRID === 'string' ? p.clTRID : '',
    svTRID: typeof p.svTRID === 'string' && p.svTRID !== '' ? p.svTRID : `${stamp}.0000.${n.id}.1`,
    command,
    id: n.id,
    ...(data ? { data } : {}),
  };
}

function commandAndCode(n: NotificationView): [string, number] {
  const p = n.payload;
  if (typeof p.command === 'string' && typeof p.code === 'number') return [p.command, p.code];
  if (n.kind === 'transfer.completed' && p.side === 'losing') return ['domain-transfer', 1200];
  const mapped = KINDS[n.kind];
  return mapped ? [mapped[0], mapped[1]] : ['domain-info', 1000];
}

function domainData(n: NotificationView): WireData {
  const p = n.payload;
  const num = p.orderNumber ?? p.transferNumber;
  const expiration = typeof p.expiresAt === 'string' && n.kind !== 'domain.renew_failed' ? p.expiresAt.slice(0, 10) : undefined;
  return {
    name: n.domainName,
    event: n.kind,
    message: n.message,
    ...(num !== undefined && num !== null ? { num: String(num) } : {}),
    ...(expiration !== undefined ? { expiration } : {}),
  };
}
