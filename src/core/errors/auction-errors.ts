/** Auctions (flows/auctions): bids, closes, the operator's auction commands. */
import { AlreadyExists, NotAuthorized, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** No auction of that name (or id) that this caller may see. */
export class AuctionNotFound extends NotFound<{ name: string }> {
  readonly code = 'AUCTION_NOT_FOUND';
  constructor(name: string) {
    super(`No auction for ${name}.`, { name });
  }
}

/** The auction has ended (or was closed) and takes no more bids. */
export class AuctionClosed extends StatusProhibits<{ name: string; statusId: number }> {
  readonly code = 'AUCTION_CLOSED';
  constructor(name: string, statusId: number) {
    super(`The auction for ${name} is closed.`, { name, statusId });
  }
}

/** A bid below the current price plus the increment (or a leader's new maximum not above the old one). */
export class BidTooLow extends PolicyViolation<{ name: string; minimumMinor: number; currency: string }> {
  readonly code = 'BID_TOO_LOW';
  constructor(name: string, minimumMinor: number, currency: string) {
    super(`The bid for ${name} is too low.`, { name, minimumMinor, currency });
  }
}

/** The seller (the domain's holder) may not bid in its own domain's auction. */
export class OwnAuctionBid extends PolicyViolation<{ name: string }> {
  readonly code = 'OWN_AUCTION_BID';
  constructor(name: string) {
    super(`You can not bid in the auction of your own domain ${name}.`, { name });
  }
}

/** A backorder auction takes bids only from the backorder requesters it was opened among. */
export class AuctionNotParticipant extends NotAuthorized<{ name: string }> {
  readonly code = 'AUCTION_NOT_PARTICIPANT';
  constructor(name: string) {
    super(`Only the backorder requesters of ${name} may bid in its auction.`, { name });
  }
}

/** One open auction per name. */
export class AuctionExists extends AlreadyExists<{ name: string }> {
  readonly code = 'AUCTION_EXISTS';
  constructor(name: string) {
    super(`An auction for ${name} is already open.`, { name });
  }
}
