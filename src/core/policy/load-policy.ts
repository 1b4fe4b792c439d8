/**
 * Reads the TLD policy file(s) into a PolicyBook. The shipped
 * config/tlds.yaml holds the defaults; an operator's file is merged over it
 * key by key. Invalid policy fails at start-up with a message naming the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseDuration, DAY } from '../clock.ts';
import { parseAmount } from '../money.ts';
import { IDN_SCRIPT_NAMES } from '../idn-scripts.ts';
import { OPERATIONS, type PriceRow, type PriceSchedule, type TldPolicy } from './tld-policy.ts';
import { PolicyBook } from './policy-book.ts';

/**
 * config/tlds.yaml of the checkout this module runs from: the nearest
 * directory above it that holds one (this module sits in src/ or dist/ at
 * some depth, or in the CLI's bundle, dist/bundle/).
 */
function shippedTldsFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'config', 'tlds.yaml');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return fileURLToPath(new URL('../../../config/tlds.yaml', import.meta.url));
  }
}

export const DEFAULT_TLDS_FILE = shippedTldsFile();

type Raw = Record<string, unknown>;

export class PolicyFileError extends Error {}

export function loadPolicyBook(overrideFile?: string): PolicyBook {
  const base = readYaml(DEFAULT_TLDS_FILE);
  const merged = overrideFile ? deepMerge(base, readYaml(overrideFile)) : base;
  return buildPolicyBook(merged);
}

export function buildPolicyBook(doc: Raw): PolicyBook {
  const defaults = asObject(doc.defaults ?? {}, 'defaults');
  const tlds = asObject(doc.tlds ?? {}, 'tlds');
  const list: TldPolicy[] = [];
  for (const [tld, raw] of Object.entries(tlds)) {
    const key = tld.toLowerCase().replace(/^\./, '');
    list.push(parseTld(key, deepMerge(defaults, asObject(raw ?? {}, `tlds.${tld}`))));
  }
  return new PolicyBook(list);
}

function readYaml(file: string): Raw {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyFileError(`cannot read TLD policy file ${file}: ${(e as Error).message}`);
  }
  return asObject(parseYaml(text, { merge: true }) ?? {}, file);
}

function parseTld(tld: string, r: Raw): TldPolicy {
  const at = (k: string) => `tlds.${tld}.${k}`;
  const kind = oneOf(r.kind, ['paid', 'free'] as const, at('kind'));
  const periodsYears = intList(r.periods_years, at('periods_years'), 1, 10);
  const freePeriodsMonths = kind === 'free' ? intList(r.free_periods_months, at('free_periods_months'), 1, 12) : [];
  const grace = asObject(r.grace, at('grace'));
  const transfer = asObject(r.transfer, at('transfer'));
  const creation = asObject(r.creation, at('creation'));
  const ns = asObject(r.name_servers, at('name_servers'));
  const policy: TldPolicy = {
    tld,
    kind,
    operated: bool(r.operated, at('operated')),
    periodsYears,
    freePeriodsMonths,
    defaultPeriodMonths: months(r.default_period, at('default_period')),
    defaultFreePeriodMonths: kind === 'free' ? months(r.default_free_period, at('default_free_period')) : 0,
    maxHorizonMonths: int(r.max_horizon_years, at('max_horizon_years'), 1, 100) * 12,
    creation: {
      mode: oneOf(creation.mode, ['sync', 'async'] as const, at('creation.mode')),
      delayMs: duration(creation.delay ?? '0s', at('creation.delay')),
    },
    transfer: {
      mode: oneOf(transfer.mode, ['sync', 'async'] as const, at('transfer.mode')),
      autoApproveMs: duration(transfer.auto_approve ?? '5d', at('transfer.auto_approve')),
      instantWithAuthCode: bool(transfer.instant_with_auth_code ?? false, at('transfer.instant_with_auth_code')),
      lockAfterCreateMs: duration(transfer.lock_after_create ?? '0s', at('transfer.lock_after_create')),
      lockAfterTransferMs: duration(transfer.lock_after_transfer ?? '0s', at('transfer.lock_after_transfer')),
      addsMonths: int(transfer.adds_months ?? 12, at('transfer.adds_months'), 0, 120),
    },
    nssetRequired: bool(r.nsset_required, at('nsset_required')),
    nameServers: { min: int(ns.min, at('name_servers.min'), 0, 13), max: int(ns.max, at('name_servers.max'), 1, 13) },
    grace: {
      addMs: duration(grace.add, at('grace.add')),
      autoRenewMs: duration(grace.auto_renew, at('grace.auto_renew')),
      redemptionMs: duration(grace.redemption, at('grace.redemption')),
      pendingDeleteMs: duration(grace.pending_delete, at('grace.pending_delete')),
    },
    renewBeforeExpiryMs: duration(r.renew_before_expiry ?? '0s', at('renew_before_expiry')),
    renewWindowMs: r.renew_window === null || r.renew_window === undefined ? null : duration(r.renew_window, at('renew_window')),
    deleteOutsideGrace: oneOf(r.delete_outside_grace, ['allowed', 'release', 'refused'] as const, at('delete_outside_grace')),
    restoreIncludesRenewal: bool(r.restore_includes_renewal ?? true, at('restore_includes_renewal')),
    expiredAuction: expiredAuction(r.expired_auction, at('expired_auction')),
    idnScripts: idnScripts(r.idn_scripts, at('idn_scripts')),
    reserved: new Set(strList(r.reserved ?? [], at('reserved')).map((s) => s.toLowerCase())),
    blocked: new Set(strList(r.blocked ?? [], at('blocked')).map((s) => s.toLowerCase())),
    premium: parsePremium(r.premium ?? {}, at('premium')),
    schedules: parseSchedules(r.prices, at('prices')),
  };
  if (!policy.periodsYears.some((y) => y * 12 === policy.defaultPeriodMonths)) {
    throw new PolicyFileError(`${at('default_period')}: must be one of periods_years`);
  }
  if (policy.nameServers.min > policy.nameServers.max) throw new PolicyFileError(`${at('name_servers')}: min > max`);
  if (policy.grace.autoRenewMs > 365 * DAY) throw new PolicyFileError(`${at('grace.auto_renew')}: longer than a year`);
  const auction = policy.expiredAuction;
  if (auction !== null && auction.startsAfterExpiryMs + auction.durationMs > policy.grace.autoRenewMs) {
    throw new PolicyFileError(`${at('expired_auction')}: starts_after_expiry + duration must end within grace.auto_renew (the owner may renew until the auction closes)`);
  }
  return policy;
}

/** `expired_auction: { starts_after_expiry: 30d, duration: 7d }`, or null / absent: no auction at expiry. */
function expiredAuction(v: unknown, where: string): TldPolicy['expiredAuction'] {
  if (v === null || v === undefined) return null;
  const o = asObject(v, where);
  const durationMs = duration(o.duration, `${where}.duration`);
  if (durationMs <= 0) throw new PolicyFileError(`${where}.duration: must be longer than 0s`);
  return { startsAfterExpiryMs: duration(o.starts_after_expiry, `${where}.starts_after_expiry`), durationMs };
}

function parseSchedules(v: unknown, where: string): PriceSchedule[] {
  if (!Array.isArray(v) || v.length === 0) throw new PolicyFileError(`${where}: a non-empty list of price schedules is required`);
  const out = v.map((entry, i) => {
    const e = asObject(entry, `${where}[${i}]`);
    const from = new Date(String(e.effective_from));
    if (Number.isNaN(from.getTime())) throw new PolicyFileError(`${where}[${i}].effective_from: not a date`);
    const prices: Record<string, PriceRow> = {};
    for (const [cur, row] of Object.entries(e)) {
      if (cur === 'effective_from') continue;
      const r = asObject(row, `${where}[${i}].${cur}`);
      const parsed = {} as Record<string, number>;
      for (const op of OPERATIONS) parsed[op] = amount(r[op], cur, `${where}[${i}].${cur}.${op}`);
      prices[cur] = parsed as PriceRow;
    }
    return { effectiveFrom: from, prices };
  });
  return out.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
}

function parsePremium(v: unknown, where: string): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [name, raw] of Object.entries(asObject(v, where))) {
    const prices: Record<string, number> = {};
    for (const [cur, val] of Object.entries(asObject(raw, `${where}.${name}`))) prices[cur] = amount(val, cur, `${where}.${name}.${cur}`);
    out.set(name.toLowerCase(), prices);
  }
  return out;
}

function idnScripts(v: unknown, where: string): ReadonlySet<string> | null {
  if (v === null || v === undefined) return null;
  const names = strList(v, where);
  const unknown = names.filter((n) => !IDN_SCRIPT_NAMES.has(n));
  if (unknown.length > 0) {
    throw new PolicyFileError(`${where}: ${unknown.join(', ')}: not a Unicode script in modern use (e.g. Latin, Greek, Cyrillic, Arabic, Han)`);
  }
  return new Set(names);
}

function amount(v: unknown, currency: string, where: string): number {
  if (typeof v !== 'string' && typeof v !== 'number') throw new PolicyFileError(`${where}: a decimal price is required`);
  try {
    return parseAmount(v, currency, where);
  } catch (e) {
    throw new PolicyFileError(`${where}: ${(e as Error).message}`);
  }
}

function months(v: unknown, where: string): number {
  const m = /^(\d+)\s*([ym])$/i.exec(String(v ?? ''));
  if (!m) throw new PolicyFileError(`${where}: expected a period such as 1y or 3m`);
  return Number(m[1]) * (m[2]!.toLowerCase() === 'y' ? 12 : 1);
}

function duration(v: unknown, where: string): number {
  try {
    return parseDuration(String(v));
  } catch (e) {
    throw new PolicyFileError(`${where}: ${(e as Error).message}`);
  }
}

function asObject(v: unknown, where: string): Raw {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PolicyFileError(`${where}: a mapping is required`);
  return v as Raw;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new PolicyFileError(`${where}: true or false is required`);
  return v;
}

function int(v: unknown, where: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new PolicyFileError(`${where}: an integer from ${min} to ${max} is required`);
  }
  return v;
}

function intList(v: unknown, where: string, min: number, max: number): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new PolicyFileError(`${where}: a non-empty list is required`);
  return [...new Set(v.map((x, i) => int(x, `${where}[${i}]`, min, max)))].sort((a, b) => a - b);
}

function strList(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PolicyFileError(`${where}: a list of strings is required`);
  return v as string[];
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new PolicyFileError(`${where}: one of ${allowed.join(', ')} is required`);
  return v as T;
}

function deepMerge(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Raw, v as Raw)
        : v;
  }
  return out;
}
