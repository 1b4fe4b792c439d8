/**
 * Operator closeouts: put an expired registration (one in its auto-renew
 * grace) in expired closeout at once, without its auction, and list what
 * is in closeout now with its decayed price (core flows/closeouts).
 */
import { OPERATOR } from '../core/context.ts';
import { formatAmount } from '../core/money.ts';
import { enterCloseout, listCloseouts, type CloseoutView } from '../core/flows/closeouts/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { fields, table } from './format.ts';
import { OPERATOR_SOURCE, optionalText, requiredText } from './options.ts';

const AS_OPERATOR = { actor: OPERATOR, source: OPERATOR_SOURCE };

const price = (c: Jsonify<CloseoutView>, minor: number): string => `${formatAmount(minor, c.currency)} ${c.currency}`;

export const closeoutEnter = defineCommand({
  name: 'closeout enter',
  async run(services: Services, o: Options) {
    const currency = optionalText(o, 'currency');
    return toJson(await services.engine.run(enterCloseout, { name: requiredText(o, 'name'), ...(currency !== undefined ? { currency } : {}) }, AS_OPERATOR));
  },
  render(c: Jsonify<CloseoutView>) {
    return fields([
      ['Closeout', `#${c.id} ${c.name}`],
      ['Price', `${price(c, c.currentPriceMinor)} (+ renewal ${price(c, c.renewalPriceMinor)})`],
      ['Started', c.startedAt],
      ['Ends', c.endsAt],
    ]);
  },
});

export const closeoutList = defineCommand({
  name: 'closeout list',
  async run(services: Services, o: Options) {
    return toJson(await services.engine.run(listCloseouts, { currency: optionalText(o, 'currency') ?? 'USD' }, AS_OPERATOR));
  },
  render(list: readonly Jsonify<CloseoutView>[]) {
    return table(['NAME', 'PRICE', 'RENEWAL', 'ENDS'], list.map((c) => [c.name, price(c, c.currentPriceMinor), price(c, c.renewalPriceMinor), c.endsAt]));
  },
});
