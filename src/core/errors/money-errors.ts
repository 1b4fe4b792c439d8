/** Ledger and orders. */
import { InsufficientFundsCategory, NotFound, PolicyViolation } from './base.ts';

export class InsufficientFunds extends InsufficientFundsCategory<{ currency: string; neededMinor: number; availableMinor: number }> {
  readonly code = 'INSUFFICIENT_FUNDS';
  constructor(currency: string, neededMinor: number, availableMinor: number) {
    super('Insufficient funds in the account balance.', { currency, neededMinor, availableMinor });
  }
}

export class OrderNotFound extends NotFound<{ ref: string | number }> {
  readonly code = 'ORDER_NOT_FOUND';
  constructor(ref: string | number) {
    super(`Order ${ref} not found.`, { ref });
  }
}

export class HoldNotFound extends NotFound<{ holdId: number }> {
  readonly code = 'HOLD_NOT_FOUND';
  constructor(holdId: number) {
    super(`Hold ${holdId} not found or already released.`, { holdId });
  }
}

/** A price the client confirmed (or a maximum it accepts) no longer matches. */
export class PriceMismatch extends PolicyViolation<{ expectedMinor: number; actualMinor: number; currency: string }> {
  readonly code = 'PRICE_MISMATCH';
  constructor(expectedMinor: number, actualMinor: number, currency: string) {
    super('The price has changed.', { expectedMinor, actualMinor, currency });
  }
}
