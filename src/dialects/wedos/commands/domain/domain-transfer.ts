/**
 * domain-transfer: move a domain another account holds into this one,
 * proving its AUTH-ID (`auth_info`), after the consent in `rules`.
 *
 * - Completes at once (1000) where the TLD's policy says so (.cz and .eu,
 *   as WEDOS says; also the TLDs where a correct AUTH-ID suffices);
 *   elsewhere the transfer is pending (1001) until the holder approves or
 *   the TLD's auto-approval time passes, and the poll queue announces the
 *   outcome (transfer.completed / transfer.failed). The price is charged
 *   at once, or held until then. data: {num (order), expiration (the
 *   expiry after the transfer)}.
 * - owner_c (a contact handle of this account) is required for .sk, .eu
 *   and the gTLDs (2204 when absent, 2207 when not the account's); where
 *   given it becomes the registrant when the domain arrives (kept on the
 *   pending transfer until then); the other roles arrive empty.
 * - dns (.eu and gTLDs only, else 2210): omitted keeps the current name
 *   servers; empty means regd's own; listed servers are set when the
 *   domain arrives (core keeps them on a pending transfer). Glue under
 *   another domain of the account is written first; a server under the
 *   transferred domain itself needs glue that only its holder can give:
 *   on a transfer that completes at once its addresses are written once
 *   the domain has arrived, on a pending one it is 2210 (core's
 *   NAME_SERVER_AWAITS_TRANSFER). Invalid servers are 2210.
 * - auth_info: absent 2215, shorter than 6 characters 2263, other than 6
 *   to 32 printable characters 2271, wrong 3227.
 * - 3207 already in this account; 3219 a transfer already in progress;
 *   3266 expired beyond its grace; 3218 any other obstacle; 3002 not
 *   enough credit; 3001 a currency the TLD is not priced in.
 */
import { isError, isRegdError, parseDomainName, requestTransfer, setDomainNameServers, type RegdError, type TldPolicy, findContact, getDomain, upsertHost } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WapiData, type WapiCall } from '../../command.ts';
import { ownerNumber } from './contacts.ts';
import { parseDelegation, serversUnder, verifyDelegationForTld, DELEGATION_CODES, withDelegationRefusals, writeGlue, type NameServerSpec } from './dns-servers.ts';
import { consent, domainName, optionalString } from './params.ts';
import { wireDate } from './render.ts';
import { transferRefusal } from './transfer-obstacles.ts';

/** Registries that need the owner's contact with a transfer (the document: SK, EU, gTLD). */
export const OWNER_REQUIRED_TLDS: ReadonlySet<string> = new Set(['sk', 'eu', 'com', 'net', 'org', 'info', 'biz']);
/** Registries that take name servers with a transfer (the document: EU, gTLD). */
export const DNS_TLDS: ReadonlySet<string> = new Set(['eu', 'com', 'net', 'org', 'info', 'biz']);

interface TransferInput {
  readonly name: string;
  readonly authInfo: string;
  readonly owner: string | undefined;
  /** undefined: keep the current name servers; []: regd's own. */
  readonly servers: readonly NameServerSpec[] | undefined;
}

export const domainTransfer = defineCommand<TransferInput>({
  name: 'domain-transfer',
  uses: [findContact, getDomain, upsertHost, requestTransfer, setDomainNameServers],
  recovers: [...DELEGATION_CODES, 'NAME_SERVER_AWAITS_TRANSFER', 'PUSH_ALREADY_PENDING'],
  errors: { DOMAIN_NOT_FOUND: 3218, MISSING_PARAMETER: 2215, CONTACT_NOT_FOUND: 2207 },
  limited: true,
  parse(data) {
    const name = domainName(data);
    const authInfo = authInfoOf(data);
    const owner = optionalString(data, 'owner_c', 2207);
    const delegation = parseDelegation({ dns: data.dns });
    consent(data);
    return { name, authInfo, owner, servers: delegation?.kind === 'dns' ? delegation.servers : undefined };
  },
  async run(call, input) {
    try {
      const name = parseDomainName(input.name, call.policy);
      const policy = call.policy.get(name.tld);
      if (input.owner === undefined && OWNER_REQUIRED_TLDS.has(name.tld)) throw new WapiError(2204);
      const registrant = input.owner !== undefined ? await ownerNumber(call, input.owner) : undefined;
      const servers = input.servers;
      if (servers !== undefined) verifyDelegationForTransfer(call, name.tld, servers);
      // Glue under the domain itself can only be written once it is ours: then core gets no servers and they are set afterwards.
      const glueOnArrival = servers !== undefined && atOnce(policy) && serversUnder(call, name.ascii, servers).some((s) => s.addresses.length > 0);
      if (servers !== undefined && !glueOnArrival) {
        const under = new Set(serversUnder(call, name.ascii, servers).map((s) => s.name));
        await withDelegationRefusals(() => writeGlue(call, name.ascii, servers.filter((s) => !under.has(s.name))));
      }

      const t = await withDelegationRefusals(() => call.run(requestTransfer, {
        name: name.ascii,
        authCode: input.authInfo,
        ...(registrant !== undefined ? { contacts: { registrant } } : {}),
        ...(servers !== undefined && !glueOnArrival ? { nameServers: servers.map((s) => s.name) } : {}),
      }));
      if (t.domain !== null && servers !== undefined && glueOnArrival) {
        await withDelegationRefusals(async () => {
          await writeGlue(call, name.ascii, servers);
          await call.run(setDomainNameServers, { name: name.ascii, nameServers: servers.map((s) => s.name) });
        });
      }
      return { code: t.domain !== null ? 1000 : 1001, data: { num: t.orderNumber, expiration: wireDate(t.expiresAt) } };
    } catch (e) {
      if (!isRegdError(e)) throw e;
      throw awaitsTransfer(e) ?? transferRefusal(e) ?? e;
    }
  },
});

/** auth_info: 2215 absent, 2263 too short, 2271 otherwise malformed. */
function authInfoOf(data: WapiData): string {
  const v = data.auth_info;
  if (v === undefined || v === null || v === '') throw new WapiError(2215);
  if (typeof v !== 'string' && typeof v !== 'number') throw new WapiError(2271);
  const s = String(v);
  if (s.length < 6) throw new WapiError(2263);
  if (!/^[\x21-\x7e]{6,32}$/.test(s)) throw new WapiError(2271);
  return s;
}

function verifyDelegationForTransfer(call: WapiCall, tld: string, servers: readonly NameServerSpec[]): void {
  if (!DNS_TLDS.has(tld)) throw new WapiError(2210, `Invalid DNS server format: .${tld} transfers keep their name servers; change them with domain-update-ns once the domain has arrived`);
  verifyDelegationForTld(call, tld, { kind: 'dns', servers });
}

/** As core's completesAtOnce (transfers/transfer-rules.ts): a sync TLD, or one where a correct AUTH-ID suffices. */
function atOnce(policy: TldPolicy): boolean {
  return policy.transfer.mode === 'sync' || policy.transfer.instantWithAuthCode;
}

/** A server under the domain itself on a pending transfer: 2210, saying when it can be set. */
function awaitsTransfer(e: RegdError): WapiError | undefined {
  if (!isError(e, 'NAME_SERVER_AWAITS_TRANSFER')) return undefined;
  return new WapiError(2210, `Invalid DNS server format: ${e.details.host} lies under the domain itself, whose glue can be set only once the transfer has completed (domain-update-ns)`);
}
