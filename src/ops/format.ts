/** Small helpers for the human-readable output of commands: aligned tables, labelled fields, durations. */
import { DAY, HOUR, MINUTE, SECOND } from '../core/clock.ts';
import { formatAmount } from '../core/money.ts';
import type { BalanceView } from '../core/money/ledger.ts';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '(none)';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function fields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 1;
  return pairs.map(([k, v]) => `${(k + ':').padEnd(width)} ${v}`).join('\n');
}

const UNITS: readonly [string, number][] = [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]];

/** 3888000000 → "45d", 129600000 → "1d12h", 0 → "0s" (the syntax parseDuration reads). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  if (rest > 0) out += `${rest}ms`;
  return sign + (out === '' ? '0s' : out);
}

export interface BalanceJson extends BalanceView {
  readonly balance: string;
  readonly available: string;
  readonly onHold: string;
}

/** Minor units plus their decimal text, so scripts need not know currency exponents. */
export function balanceJson(b: BalanceView): BalanceJson {
  return {
    ...b,
    balance: formatAmount(b.balanceMinor, b.currency),
    available: formatAmount(b.availableMinor, b.currency),
    onHold: formatAmount(b.onHoldMinor, b.currency),
  };
}

export function balanceLine(b: BalanceJson): string {
  return `${b.currency} ${b.balance} (available ${b.available}, on hold ${b.onHold})`;
}
