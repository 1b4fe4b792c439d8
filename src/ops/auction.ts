/**
 * Operator auctions: open a `user` auction of a held domain (its holder
 * sells; the winner pays the holder) or a `registry_expired` auction of a
 * name no one holds; close an open auction by admin (AuctionStatusId 2,
 * no sale, every hold released). Prices in US dollars.
 */
import { OPERATOR } from '../core/context.ts';
import { parseDuration } from '../core/clock.ts';
import { InvalidValue } from '../core/errors/index.ts';
import { formatAmount, parseAmount } from '../core/money.ts';
import { AUCTION_CURRENCY, closeAuction, openAuctionByOperator } from '../core/flows/auctions/index.ts';
import type { AuctionRow } from '../store/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { fields } from './format.ts';
import { OPERATOR_SOURCE, optionalText, requiredText } from './options.ts';

const AS_OPERATOR = { actor: OPERATOR, source: OPERATOR_SOURCE };

function render(a: Jsonify<AuctionRow>): string {
  return fields([
    ['Auction', `#${a.id} ${a.domain_name} (${a.kind})`],
    ['Status', String(a.status)],
    ['Price', `${formatAmount(a.current_price_minor, a.currency)} ${a.currency}`],
    ['Ends', a.ends_at],
    ...(a.closed_at !== null ? [['Closed', `${a.closed_at} (${a.close_note})`] as [string, string]] : []),
  ]);
}

export const auctionOpen = defineCommand({
  name: 'auction open',
  async run(services: Services, o: Options) {
    const type = optionalText(o, 'type') ?? 'user';
    if (type !== 'user' && type !== 'registry_expired') throw new InvalidValue('type', 'user or registry_expired', type);
    let durationMs: number;
    try {
      durationMs = parseDuration(optionalText(o, 'duration') ?? '7d');
    } catch {
      throw new InvalidValue('duration', 'a duration such as 7d or 12h is required', optionalText(o, 'duration'));
    }
    const startPriceMinor = parseAmount(requiredText(o, 'price'), AUCTION_CURRENCY, 'price');
    return toJson(await services.engine.run(openAuctionByOperator, { type, name: requiredText(o, 'name'), startPriceMinor, durationMs }, AS_OPERATOR));
  },
  render,
});

export const auctionClose = defineCommand({
  name: 'auction close',
  async run(services: Services, o: Options) {
    const note = optionalText(o, 'note');
    return toJson(await services.engine.run(closeAuction, { name: requiredText(o, 'name'), ...(note !== undefined ? { note } : {}) }, AS_OPERATOR));
  },
  render,
});
