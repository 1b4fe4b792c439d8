/**
 * Which addresses a recipient of a forwarded domain goes to: the alias of
 * its local part (lower case, exact), else the domain's catch-all alias
 * `*`, else none (the recipient is refused). Only the `forward` type
 * forwards; `mx` sends the domain's mail to the user's own hosts (the DNS
 * publishes them) and `donot` has none.
 */
import { domainToASCII } from 'node:url';
import type { EmailForward } from '../../core/index.ts';

export function forwardTargets(forward: EmailForward, localPart: string): string | undefined {
  if (forward.type !== 'forward') return undefined;
  const user = localPart.toLowerCase();
  return (forward.aliases.find((a) => a.user === user) ?? forward.aliases.find((a) => a.user === '*'))?.to;
}

/** "User@Example.COM" or "info@пример.рф" (SMTPUTF8) → local part and A-label domain (lower case); undefined when it is no address. */
export function splitAddress(address: string): { readonly local: string; readonly domain: string } | undefined {
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1) return undefined;
  const domain = domainToASCII(address.slice(at + 1).replace(/\.$/, ''));
  return domain === '' ? undefined : { local: address.slice(0, at), domain };
}
