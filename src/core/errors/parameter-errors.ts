/** Input that is malformed or out of range. Each carries the parameter name in `details.param`. */
import { InvalidParameter } from './base.ts';

export class MissingParameter extends InvalidParameter {
  readonly code = 'MISSING_PARAMETER';
  constructor(param: string) {
    super(`Missing parameter: ${param}.`, { param });
  }
}

/** A value of the wrong type or format; `reason` says what was expected. */
export class InvalidValue extends InvalidParameter<{ param: string; reason: string; value: unknown }> {
  readonly code = 'INVALID_VALUE';
  constructor(param: string, reason: string, value?: unknown) {
    super(`Invalid ${param}: ${reason}.`, { param, reason, value });
  }
}

export class InvalidDomainName extends InvalidParameter<{ param: string; name: string; reason: string }> {
  readonly code = 'INVALID_DOMAIN_NAME';
  constructor(name: string, reason: string, param = 'domain') {
    super(`Invalid domain name "${name}": ${reason}.`, { param, name, reason });
  }
}

export class UnsupportedTld extends InvalidParameter<{ param: string; tld: string }> {
  readonly code = 'UNSUPPORTED_TLD';
  constructor(tld: string, param = 'domain') {
    super(`The TLD .${tld} is not offered.`, { param, tld });
  }
}

export class InvalidPeriod extends InvalidParameter<{ param: string; periodMonths: number; allowed: readonly number[] }> {
  readonly code = 'INVALID_PERIOD';
  constructor(periodMonths: number, allowed: readonly number[], param = 'period') {
    super(`Invalid period: ${describeMonths(periodMonths)} is not allowed (allowed: ${allowed.map(describeMonths).join(', ')}).`, {
      param,
      periodMonths,
      allowed,
    });
  }
}

export class CurrencyNotSupported extends InvalidParameter<{ param: string; currency: string }> {
  readonly code = 'CURRENCY_NOT_SUPPORTED';
  constructor(currency: string, param = 'currency') {
    super(`Currency ${currency} is not supported here.`, { param, currency });
  }
}

export class InvalidHostName extends InvalidParameter<{ param: string; host: string; reason: string }> {
  readonly code = 'INVALID_HOST_NAME';
  constructor(host: string, reason: string, param = 'nameserver') {
    super(`Invalid host name "${host}": ${reason}.`, { param, host, reason });
  }
}

export class InvalidNameServerCount extends InvalidParameter<{ param: string; count: number; min: number; max: number }> {
  readonly code = 'INVALID_NAME_SERVER_COUNT';
  constructor(count: number, min: number, max: number, param = 'nameserver') {
    super(`Between ${min} and ${max} name servers are required; ${count} given.`, { param, count, min, max });
  }
}

/** Two parameters that cannot be given together (e.g. forwarding and name servers). */
export class ConflictingParameters extends InvalidParameter<{ param: string; other: string }> {
  readonly code = 'CONFLICTING_PARAMETERS';
  constructor(param: string, other: string) {
    super(`Parameters ${param} and ${other} cannot be used together.`, { param, other });
  }
}

export function describeMonths(months: number): string {
  if (months % 12 === 0) return `${months / 12}Y`;
  return `${months}M`;
}

/** A clock move that would take the clock past the latest instant it may show (`LATEST_CLOCK`, core/clock.ts). */
export class ClockOutOfRange extends InvalidParameter {
  readonly code = 'CLOCK_OUT_OF_RANGE';
  constructor(param: string, latest: string) {
    super(`Invalid ${param}: the clock cannot be moved past ${latest} (every stored date and wire format must hold it, with a 10-year registration after it).`, { param });
  }
}
