// Auctions (issue 19): the engine's marketplace in time. One file per use case; rules.ts holds the increment table and anti-sniping.
export { ANTI_SNIPING_MS, AUCTION_CURRENCY, incrementFor, minimumBid } from './rules.ts';
export { openAuction, openAuctionByOperator, AUCTION_KINDS, type OpenAuctionInput, type OpenAuctionByOperatorInput } from './open-auction.ts';
export { placeAuctionBid, type PlaceAuctionBidInput, type PlaceAuctionBidResult } from './place-auction-bid.ts';
export { listDueAuctionCloses, closeDueAuction, closeAuction, type CloseOutcome, type CloseAuctionInput } from './close-auction.ts';
export { listDueExpiredAuctions, openExpiredAuction } from './open-expired-auctions.ts';
export { endDomainAuctions } from './end-domain-auctions.ts';
export { type AuctionView, type BidView } from './auction-view.ts';
export { listOpenAuctions, type ListOpenAuctionsInput } from './list-open-auctions.ts';
export { getAuctionDetails, type GetAuctionDetailsInput, type AuctionDetails } from './get-auction-details.ts';
export { listAuctionBids } from './list-auction-bids.ts';
export { listClosedAuctions, type ListClosedAuctionsInput } from './list-closed-auctions.ts';
export type { AuctionKind, AuctionStatusId } from '../../../store/index.ts';
