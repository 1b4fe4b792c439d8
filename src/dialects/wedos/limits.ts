/**
 * WAPI's protective limits, kept in memory per process (a restart forgets
 * them; several processes each count their own), on the engine clock (so
 * a sandbox clock move moves them too):
 *
 * - RequestLimiter: requests per account per clock hour (UTC hour of the
 *   engine clock, reset on the hour), all commands, and separately the
 *   limited (domain) commands. A refused request is not counted.
 * - AuthFailureBlocker (the shared FailedLoginBlocker): failed
 *   authentications per client address in a sliding window; reaching the
 *   threshold blocks the address for a while (every request from it, right
 *   or wrong credentials, gets 2052).
 */
import type { WedosConfig } from '../../config/index.ts';

const HOUR_MS = 3_600_000;

interface HourCount {
  hour: number;
  total: number;
  limited: number;
}

export type LimitVerdict = 'ok' | 'requests' | 'limited';

export class RequestLimiter {
  private readonly counts = new Map<number, HourCount>();

  constructor(private readonly config: Pick<WedosConfig, 'limits' | 'requestsPerHour' | 'limitedPerHour'>) {}

  /** Counts the request unless it is over a limit; 'requests' (2006) or 'limited' (2252) when it is. */
  take(accountId: number, limited: boolean, now: Date): LimitVerdict {
    if (!this.config.limits) return 'ok';
    const hour = Math.floor(now.getTime() / HOUR_MS);
    this.prune(hour);
    let c = this.counts.get(accountId);
    if (!c || c.hour !== hour) {
      c = { hour, total: 0, limited: 0 };
      this.counts.set(accountId, c);
    }
    if (c.total >= this.config.requestsPerHour) return 'requests';
    if (limited && c.limited >= this.config.limitedPerHour) return 'limited';
    c.total += 1;
    if (limited) c.limited += 1;
    return 'ok';
  }

  private prune(hour: number): void {
    if (this.counts.size < 10_000) return;
    for (const [k, c] of this.counts) if (c.hour !== hour) this.counts.delete(k);
  }
}

/** The address blocker KifDom and Freenom use too (one class, ../login-guard.ts); WAPI keeps an instance of its own, answered 2052. */
export { FailedLoginBlocker as AuthFailureBlocker } from '../login-guard.ts';
