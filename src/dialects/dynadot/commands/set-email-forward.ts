/**
 * set_email_forward (§15.2, §8, [L912-955]; root SetEmailForwardingResponse):
 * e-mail forwarding of up to 100 domains. `forward_type`:
 * - `donot`: none;
 * - `mx`: delivery to other mail hosts, `mx_host0`–`mx_host2` with
 *   `mx_distance0`–`mx_distance2` (a missing distance is its index, so
 *   host 0 keeps the highest priority);
 * - `forward`: `username{i}@domain` forwarded to `exist_email{i}`, i = 0–9.
 * Each entry is checked here so a refusal names its parameter
 * (`invalid exist_email1: "…"`). The other family's parameters are
 * ignored. All or nothing.
 */
import {
  isRegdError, MAX_EMAIL_ALIASES, MAX_MX_DISTANCE, MAX_MX_HOSTS, setEmailForward, validateEmailForward, type EmailForward,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

const FORWARD_TYPES = ['donot', 'mx', 'forward'] as const;

export const setEmailForwardCommand = defineCommand<{ readonly names: string[]; readonly forward: EmailForward }>({
  name: 'set_email_forward',
  uses: [setEmailForward],
  parse(params) {
    const names = settingDomains(params);
    const type = params.requiredChoice('forward_type', FORWARD_TYPES);
    const forward: EmailForward = type === 'donot' ? { type } : type === 'mx' ? { type, mx: mailHosts(params) } : { type, aliases: aliases(params) };
    return { names, forward };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(setEmailForward, { name, forward: input.forward });
    return {};
  },
});

function mailHosts(params: Params): { host: string; distance: number }[] {
  const hosts = params.family('mx_host', MAX_MX_HOSTS);
  const distances = params.family('mx_distance', MAX_MX_HOSTS);
  for (const i of distances.keys()) if (!hosts.has(i)) throw DynadotError.missing(`mx_host${i}`);
  if (hosts.size === 0) throw DynadotError.missing('mx_host0');
  const seen = new Set<string>();
  return [...hosts].map(([i, host]) => {
    const distance = params.integer(`mx_distance${i}`, 0, MAX_MX_DISTANCE) ?? i;
    const entry = checked({ type: 'mx', mx: [{ host, distance }] }, i, { host: 'mx_host', distance: 'mx_distance' }).mx[0]!;
    if (seen.has(entry.host)) throw DynadotError.invalid(`mx_host${i}`, host);
    seen.add(entry.host);
    return entry;
  });
}

function aliases(params: Params): { user: string; to: string }[] {
  const users = params.family('username', MAX_EMAIL_ALIASES);
  const targets = params.family('exist_email', MAX_EMAIL_ALIASES);
  for (const i of targets.keys()) if (!users.has(i)) throw DynadotError.missing(`username${i}`);
  if (users.size === 0) throw DynadotError.missing('username0');
  const seen = new Set<string>();
  return [...users].map(([i, user]) => {
    const to = targets.get(i);
    if (to === undefined) throw DynadotError.missing(`exist_email${i}`);
    const entry = checked({ type: 'forward', aliases: [{ user, to }] }, i, { user: 'username', to: 'exist_email' }).aliases[0]!;
    if (seen.has(entry.user)) throw DynadotError.invalid(`username${i}`, user);
    seen.add(entry.user);
    return entry;
  });
}

/** One entry through core's validator, its refusal named by the wire parameter (`exist_email3`, not `aliases[0].to`). */
function checked<T extends EmailForward>(forward: T, index: number, wire: Readonly<Record<string, string>>): T {
  try {
    return validateEmailForward(forward) as T;
  } catch (e) {
    if (!isRegdError(e)) throw e;
    const param = String((e.details as Record<string, unknown>).param ?? '');
    const field = /\.(\w+)$/.exec(param)?.[1] ?? '';
    const name = `${wire[field] ?? Object.values(wire)[0]}${index}`;
    throw DynadotError.invalid(name, entryValue(forward, field));
  }
}

function entryValue(forward: EmailForward, field: string): string {
  const entry: unknown = forward.type === 'mx' ? forward.mx[0] : forward.type === 'forward' ? forward.aliases[0] : undefined;
  return String((entry as Record<string, unknown> | undefined)?.[field] ?? '');
}
