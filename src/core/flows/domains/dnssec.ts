/**
 * A domain's DNSSEC data (Dynadot set_domain_dnssec): the DS records, or
 * the DNSKEY records the registry derives them from, that the registrar
 * sends to the registry for a domain its operator signs. The set is
 * replaced as a whole; an empty set makes the domain unsigned. Checked as
 * RFC 4034 and the IANA registries define the fields: algorithm numbers
 * assigned for zone signing, DS digest types 1 (SHA-1), 2 (SHA-256),
 * 3 (GOST) and 4 (SHA-384) with digests of their length in hex, DNSKEY
 * flags 256 (ZSK) or 257 (KSK), protocol 3, a base64 public key.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'MISSING_PARAMETER', 'INVALID_VALUE',
] as const satisfies readonly ErrorCode[];

/** Records per domain: room for a key rollover (old and new KSK, each with two digests). */
export const MAX_DNSSEC_KEYS = 8;

/** IANA "DNS Security Algorithm Numbers" usable for zone signing. */
export const DNSSEC_ALGORITHMS: readonly number[] = [3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16];
/** IANA "Delegation Signer (DS) Resource Record Digest Algorithms" and their digest lengths in hex digits. */
export const DS_DIGEST_LENGTHS: Readonly<Record<number, number>> = { 1: 40, 2: 64, 3: 64, 4: 96 };

export type DnssecKey =
  | { readonly kind: 'ds'; readonly keyTag: number; readonly algorithm: number; readonly digestType: number; readonly digest: string }
  | { readonly kind: 'dnskey'; readonly flags: number; readonly protocol: number; readonly algorithm: number; readonly publicKey: string };

export interface DomainDnssecView {
  /** The domain's ASCII name. */
  readonly name: string;
  /** In the order given; empty: unsigned. */
  readonly keys: readonly DnssecKey[];
}

export interface GetDomainDnssecInput {
  readonly accountId?: number;
  readonly name: string;
}

export async function getDomainDnssec(ctx: FlowContext, input: GetDomainDnssecInput): Promise<DomainDnssecView> {
  const accountId = actingAccountId(ctx, input.accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name, 'domain', { lock: false });
  return { name: owned.name.ascii, keys: await loadDnssecKeys(ctx, owned.row.id) };
}

export interface SetDomainDnssecInput extends GetDomainDnssecInput {
  readonly keys: readonly DnssecKey[];
}

export async function setDomainDnssec(ctx: FlowContext, input: SetDomainDnssecInput): Promise<DomainDnssecView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'set DNSSEC data');
  if (!Array.isArray(input.keys)) throw new InvalidValue('keys', 'a list of DS or DNSKEY records is required', input.keys);
  if (input.keys.length > MAX_DNSSEC_KEYS) throw new InvalidValue('keys', `at most ${MAX_DNSSEC_KEYS} records`, input.keys.length);
  const keys = input.keys.map((k, i) => validateKey(k, input.keys.length > 1 ? String(i) : ''));
  const seen = new Set<string>();
  for (const k of keys) {
    const id = JSON.stringify(k);
    if (seen.has(id)) throw new InvalidValue('keys', 'the same record is given twice', k);
    seen.add(id);
  }
  await ctx.db.deleteFrom('dnssec_keys').where('domain_id', '=', owned.row.id).execute();
  if (keys.length > 0) {
    await ctx.db
      .insertInto('dnssec_keys')
      .values(keys.map((k) => ({
        domain_id: owned.row.id,
        kind: k.kind,
        algorithm: k.algorithm,
        key_tag: k.kind === 'ds' ? k.keyTag : null,
        digest_type: k.kind === 'ds' ? k.digestType : null,
        digest: k.kind === 'ds' ? k.digest : null,
        flags: k.kind === 'dnskey' ? k.flags : null,
        protocol: k.kind === 'dnskey' ? k.protocol : null,
        public_key: k.kind === 'dnskey' ? k.publicKey : null,
        created_at: ctx.now,
      })))
      .execute();
  }
  return { name: owned.name.ascii, keys };
}

export async function loadDnssecKeys(ctx: FlowContext, domainId: number): Promise<DnssecKey[]> {
  const rows = await ctx.db.selectFrom('dnssec_keys').selectAll().where('domain_id', '=', domainId).orderBy('id').execute();
  return rows.map((r) =>
    r.kind === 'ds'
      ? { kind: 'ds', keyTag: r.key_tag!, algorithm: r.algorithm, digestType: r.digest_type!, digest: r.digest! }
      : { kind: 'dnskey', flags: r.flags!, protocol: r.protocol!, algorithm: r.algorithm, publicKey: r.public_key! });
}

/** One record, canonical: digests in upper-case hex, public keys without white space. `n` suffixes the parameter names. */
function validateKey(input: unknown, n: string): DnssecKey {
  if (input === null || typeof input !== 'object') throw new InvalidValue(`keys${n}`, 'a DS or DNSKEY record is required', input);
  const k = input as Record<string, unknown>;
  const algorithm = integer(k.algorithm, `algorithm${n}`, 0, 255);
  if (!DNSSEC_ALGORITHMS.includes(algorithm)) throw new InvalidValue(`algorithm${n}`, `one of ${DNSSEC_ALGORITHMS.join(', ')} is required`, k.algorithm);
  if (k.kind === 'ds') {
    const keyTag = integer(k.keyTag, `key_tag${n}`, 0, 65_535);
    const digestType = integer(k.digestType, `digest_type${n}`, 0, 255);
    const length = DS_DIGEST_LENGTHS[digestType];
    if (length === undefined) throw new InvalidValue(`digest_type${n}`, 'one of 1 (SHA-1), 2 (SHA-256), 3 (GOST), 4 (SHA-384) is required', k.digestType);
    if (k.digest === undefined || k.digest === null || k.digest === '') throw new MissingParameter(`digest${n}`);
    const digest = typeof k.digest === 'string' ? k.digest.replace(/\s+/g, '').toUpperCase() : '';
    if (!/^[0-9A-F]*$/.test(digest) || digest.length !== length) {
      throw new InvalidValue(`digest${n}`, `${length} hexadecimal digits are required for digest type ${digestType}`, k.digest);
    }
    return { kind: 'ds', keyTag, algorithm, digestType, digest };
  }
  if (k.kind === 'dnskey') {
    const flags = integer(k.flags, `flags${n}`, 0, 65_535);
    if (flags !== 256 && flags !== 257) throw new InvalidValue(`flags${n}`, '256 (zone signing key) or 257 (key signing key) is required', k.flags);
    const protocol = k.protocol === undefined ? 3 : integer(k.protocol, `protocol${n}`, 0, 255);
    if (protocol !== 3) throw new InvalidValue(`protocol${n}`, '3 is required (RFC 4034 §2.1.2)', k.protocol);
    if (k.publicKey === undefined || k.publicKey === null || k.publicKey === '') throw new MissingParameter(`public_key${n}`);
    const publicKey = typeof k.publicKey === 'string' ? k.publicKey.replace(/\s+/g, '') : '';
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey) || publicKey.length % 4 !== 0 || publicKey.length > 2048) {
      throw new InvalidValue(`public_key${n}`, 'a base64 public key is required', k.publicKey);
    }
    return { kind: 'dnskey', flags, protocol, algorithm, publicKey };
  }
  throw new InvalidValue(`keys${n}`, 'a DS record (key tag, digest type, digest) or a DNSKEY record (flags, public key) is required', k.kind);
}

function integer(v: unknown, param: string, min: number, max: number): number {
  if (v === undefined || v === null || v === '') throw new MissingParameter(param);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new InvalidValue(param, `an integer from ${min} to ${max} is required`, v);
  return v;
}
