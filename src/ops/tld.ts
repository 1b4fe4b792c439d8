/** The TLD policy the engine runs with: the list with current prices, and one TLD in full. */
import { InvalidValue } from '../core/errors/index.ts';
import { formatAmount } from '../core/money.ts';
import { OPERATIONS, type TldPolicy } from '../core/policy/index.ts';
import { describeMonths } from '../core/errors/parameter-errors.ts';
import { autoRenewLeadMs } from '../core/lifecycle/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, type Options } from './command.ts';
import { fields, formatDuration, table } from './format.ts';
import { requiredText } from './options.ts';

type Prices = Record<string, Record<string, string>>;

interface TldSummary {
  tld: string;
  kind: 'paid' | 'free';
  operated: boolean;
  periodsYears: number[];
  /** Per-year prices in force now, by currency and operation, as decimal text. */
  prices: Prices;
}

export const tldList = defineCommand({
  name: 'tld list',
  async run(services: Services) {
    const now = services.engine.clock.now();
    return services.policy.list().map((p) => summary(p, now));
  },
  render(rows: TldSummary[]) {
    return table(
      ['TLD', 'KIND', 'REGISTRY', 'PERIODS', 'REGISTER', 'RENEW', 'TRANSFER'],
      rows.map((t) => [
        `.${t.tld}`, t.kind, t.operated ? 'regd' : 'external', periods(t.periodsYears),
        priceCell(t.prices, 'register'), priceCell(t.prices, 'renew'), priceCell(t.prices, 'transfer'),
      ]),
    );
  },
});

interface TldDetails extends TldSummary {
  freePeriodsMonths: number[];
  defaultPeriod: string;
  defaultFreePeriod: string | null;
  maxHorizonYears: number;
  creation: { mode: string; delay: string };
  transfer: { mode: string; autoApprove: string; instantWithAuthCode: boolean; lockAfterCreate: string; lockAfterTransfer: string; addsMonths: number };
  nssetRequired: boolean;
  nameServers: { min: number; max: number };
  grace: { add: string; autoRenew: string; redemption: string; pendingDelete: string };
  renewBeforeExpiry: string;
  /** When auto-renew acts: renewBeforeExpiry, at least 1d on a TLD without auto-renew grace. */
  autoRenewBeforeExpiry: string;
  renewWindow: string | null;
  deleteOutsideGrace: string;
  restoreIncludesRenewal: boolean;
  /** Scripts an internationalized label may use; null: any script in modern use. */
  idnScripts: string[] | null;
  reserved: string[];
  blocked: string[];
  premium: Record<string, Record<string, string>>;
  schedules: { effectiveFrom: string; prices: Prices }[];
}

export const tldShow = defineCommand({
  name: 'tld show',
  async run(services: Services, o: Options): Promise<TldDetails> {
    const tld = requiredText(o, 'tld').trim().toLowerCase().replace(/^\./, '');
    if (!services.policy.has(tld)) throw new InvalidValue('tld', `.${tld} is not offered (see "regd tld list")`, tld);
    const p = services.policy.get(tld);
    return {
      ...summary(p, services.engine.clock.now()),
      freePeriodsMonths: [...p.freePeriodsMonths],
      defaultPeriod: describeMonths(p.defaultPeriodMonths),
      defaultFreePeriod: p.kind === 'free' ? describeMonths(p.defaultFreePeriodMonths) : null,
      maxHorizonYears: p.maxHorizonMonths / 12,
      creation: { mode: p.creation.mode, delay: formatDuration(p.creation.delayMs) },
      transfer: {
        mode: p.transfer.mode,
        autoApprove: formatDuration(p.transfer.autoApproveMs),
        instantWithAuthCode: p.transfer.instantWithAuthCode,
        lockAfterCreate: formatDuration(p.transfer.lockAfterCreateMs),
        lockAfterTransfer: formatDuration(p.transfer.lockAfterTransferMs),
        addsMonths: p.transfer.addsMonths,
      },
      nssetRequired: p.nssetRequired,
      nameServers: { ...p.nameServers },
      grace: {
        add: formatDuration(p.grace.addMs),
        autoRenew: formatDuration(p.grace.autoRenewMs),
        redemption: formatDuration(p.grace.redemptionMs),
        pendingDelete: formatDuration(p.grace.pendingDeleteMs),
      },
      renewBeforeExpiry: formatDuration(p.renewBeforeExpiryMs),
      autoRenewBeforeExpiry: formatDuration(autoRenewLeadMs(p)),
      renewWindow: p.renewWindowMs === null ? null : formatDuration(p.renewWindowMs),
      deleteOutsideGrace: p.deleteOutsideGrace,
      restoreIncludesRenewal: p.restoreIncludesRenewal,
      idnScripts: p.idnScripts === null ? null : [...p.idnScripts],
      reserved: [...p.reserved].sort(),
      blocked: [...p.blocked].sort(),
      premium: Object.fromEntries(
        [...p.premium].map(([name, byCurrency]) => [name, Object.fromEntries(Object.entries(byCurrency).map(([c, m]) => [c, formatAmount(m, c)]))]),
      ),
      schedules: p.schedules.map((s) => ({ effectiveFrom: s.effectiveFrom.toISOString(), prices: decimalPrices(s.prices) })),
    };
  },
  render(t: TldDetails) {
    return [
      fields([
        ['TLD', `.${t.tld} (${t.kind}, registry: ${t.operated ? 'regd' : 'external'})`],
        ['Periods', periods(t.periodsYears) + (t.freePeriodsMonths.length ? `; free: ${t.freePeriodsMonths.map((m) => `${m}M`).join(', ')}` : '')],
        ['Default period', t.defaultPeriod + (t.defaultFreePeriod ? ` (free: ${t.defaultFreePeriod})` : '')],
        ['Max horizon', `${t.maxHorizonYears}Y`],
        ['Creation', `${t.creation.mode}${t.creation.mode === 'async' ? `, ${t.creation.delay}` : ''}`],
        ['Transfer', `${t.transfer.mode}, auto-approve ${t.transfer.autoApprove}, adds ${t.transfer.addsMonths} months, lock ${t.transfer.lockAfterCreate} after create / ${t.transfer.lockAfterTransfer} after transfer`],
        ['Grace', `add ${t.grace.add}, auto-renew ${t.grace.autoRenew}, redemption ${t.grace.redemption}, pending delete ${t.grace.pendingDelete}`],
        ['Name servers', `${t.nameServers.min}-${t.nameServers.max}${t.nssetRequired ? ' (NSSET required)' : ''}`],
        ['Renewal', `window ${t.renewWindow ?? 'any time'}, auto-renew ${t.autoRenewBeforeExpiry} before expiry`],
        ['Delete', `outside grace ${t.deleteOutsideGrace}; restore ${t.restoreIncludesRenewal ? 'includes' : 'excludes'} a renewal`],
        ['IDN scripts', t.idnScripts === null ? 'any (single-script labels)' : t.idnScripts.join(', ') || 'none (ASCII names only)'],
        ['Reserved', t.reserved.join(', ') || '-'],
        ['Blocked', t.blocked.join(', ') || '-'],
        ['Premium', Object.entries(t.premium).map(([n, p]) => `${n} (${Object.entries(p).map(([c, v]) => `${v} ${c}`).join(', ')})`).join('; ') || '-'],
      ]),
      'Prices per year in force now:',
      table(['CURRENCY', ...OPERATIONS.map((op) => op.toUpperCase())], Object.entries(t.prices).map(([c, row]) => [c, ...OPERATIONS.map((op) => row[op] ?? '')])),
    ].join('\n');
  },
});

function summary(p: TldPolicy, now: Date): TldSummary {
  return { tld: p.tld, kind: p.kind, operated: p.operated, periodsYears: [...p.periodsYears], prices: decimalPrices(pricesAt(p, now)) };
}

/** The latest schedule row of each currency whose effectiveFrom is not after `now`. */
function pricesAt(p: TldPolicy, now: Date): Record<string, Readonly<Record<string, number>>> {
  const out: Record<string, Readonly<Record<string, number>>> = {};
  for (const s of p.schedules) {
    if (s.effectiveFrom.getTime() > now.getTime()) break;
    Object.assign(out, s.prices);
  }
  return out;
}

function decimalPrices(prices: Readonly<Record<string, Readonly<Record<string, number>>>>): Prices {
  return Object.fromEntries(
    Object.entries(prices).map(([c, row]) => [c, Object.fromEntries(Object.entries(row).map(([op, m]) => [op, formatAmount(m, c)]))]),
  );
}

/** One currency keeps the table narrow: EUR when priced in it (--json lists every currency). */
function priceCell(prices: Prices, op: string): string {
  const currency = 'EUR' in prices ? 'EUR' : Object.keys(prices)[0];
  return currency === undefined ? '-' : `${prices[currency]![op]} ${currency}`;
}

function periods(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  return contiguous && years.length > 2 ? `${first}-${last}Y` : years.map((y) => `${y}Y`).join(', ');
}
