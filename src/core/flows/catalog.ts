/**
 * Every flow module with its `throws` list, so that callers outside core can
 * ask which errors a flow may throw (`throwsOf`): the dialect kit declares
 * the flows each command calls and checks every dialect maps their errors.
 * One line per flow file; a test keeps the list complete.
 */
import * as authenticateAccount from './accounts/authenticate-account.ts';
import * as createAccount from './accounts/create-account.ts';
import * as depositFunds from './accounts/deposit-funds.ts';
import * as getAccount from './accounts/get-account.ts';
import * as getAccountSpending from './accounts/get-account-spending.ts';
import * as listAccounts from './accounts/list-accounts.ts';
import * as manageCredentials from './accounts/manage-credentials.ts';
import * as setAccountLevel from './accounts/set-account-level.ts';
import * as setAccountStatus from './accounts/set-account-status.ts';
import * as updateAccount from './accounts/update-account.ts';
import * as wapiIpAllowlist from './accounts/wapi-ip-allowlist.ts';
import * as closeAuction from './auctions/close-auction.ts';
import * as getAuctionDetails from './auctions/get-auction-details.ts';
import * as listAuctionBids from './auctions/list-auction-bids.ts';
import * as listClosedAuctions from './auctions/list-closed-auctions.ts';
import * as listOpenAuctions from './auctions/list-open-auctions.ts';
import * as openAuction from './auctions/open-auction.ts';
import * as openExpiredAuctions from './auctions/open-expired-auctions.ts';
import * as placeAuctionBid from './auctions/place-auction-bid.ts';
import * as advanceClock from './clock/advance-clock.ts';
import * as setClock from './clock/set-clock.ts';
import * as showClock from './clock/show-clock.ts';
import * as completeCnAudit from './contacts/complete-cn-audit.ts';
import * as createCnAudit from './contacts/create-cn-audit.ts';
import * as createContact from './contacts/create-contact.ts';
import * as decideDueCnAudits from './contacts/decide-due-cn-audits.ts';
import * as deleteContact from './contacts/delete-contact.ts';
import * as editContact from './contacts/edit-contact.ts';
import * as getCnAuditStatus from './contacts/get-cn-audit-status.ts';
import * as getContact from './contacts/get-contact.ts';
import * as listContacts from './contacts/list-contacts.ts';
import * as setContactEuSetting from './contacts/set-contact-eu-setting.ts';
import * as setContactLvSetting from './contacts/set-contact-lv-setting.ts';
import * as setDomainContacts from './contacts/set-domain-contacts.ts';
import * as addRecord from './dns/add-record.ts';
import * as commitDueZones from './dns/commit-due-zones.ts';
import * as commitZone from './dns/commit-zone.ts';
import * as deleteRecord from './dns/delete-record.ts';
import * as exportZone from './dns/export-zone.ts';
import * as getRecord from './dns/get-record.ts';
import * as importZone from './dns/import-zone.ts';
import * as listRecords from './dns/list-records.ts';
import * as listRecordNotes from './dns/record-notes.ts';
import * as replaceZone from './dns/replace-zone.ts';
import * as updateRecord from './dns/update-record.ts';
import * as checkAvailability from './domains/check-availability.ts';
import * as deleteDomain from './domains/delete-domain.ts';
import * as describeDomains from './domains/describe-domains.ts';
import * as getAuthCode from './domains/get-auth-code.ts';
import * as getDomain from './domains/get-domain.ts';
import * as getDomainExtras from './domains/get-domain-extras.ts';
import * as getDomainOverview from './domains/get-domain-overview.ts';
import * as listDomains from './domains/list-domains.ts';
import * as listTldPrices from './domains/list-tld-prices.ts';
import * as modifyDomain from './domains/modify-domain.ts';
import * as quoteDomainPrices from './domains/quote-domain-prices.ts';
import * as registerDomain from './domains/register-domain.ts';
import * as renewDomain from './domains/renew-domain.ts';
import * as renewDomainOnce from './domains/renew-domain-once.ts';
import * as dnssec from './domains/dnssec.ts';
import * as resellerHold from './domains/reseller-hold.ts';
import * as restoreDomain from './domains/restore-domain.ts';
import * as setAuthCode from './domains/set-auth-code.ts';
import * as upgradeDomain from './domains/upgrade-domain.ts';
import * as verifyAuthCode from './domains/verify-auth-code.ts';
import * as buyCloseout from './closeouts/buy-closeout.ts';
import * as enterCloseout from './closeouts/enter-closeout.ts';
import * as listCloseouts from './closeouts/list-closeouts.ts';
import * as auctionBackorderedName from './drop-requests/auction-backordered-name.ts';
import * as cancelDropRequest from './drop-requests/cancel-drop-request.ts';
import * as catchDroppedName from './drop-requests/catch-dropped-name.ts';
import * as createBackorder from './drop-requests/create-backorder.ts';
import * as createPreorder from './drop-requests/create-preorder.ts';
import * as listDropRequests from './drop-requests/list-drop-requests.ts';
import * as clearFolderSetting from './folders/clear-folder-setting.ts';
import * as createFolder from './folders/create-folder.ts';
import * as deleteFolders from './folders/delete-folders.ts';
import * as listFolders from './folders/list-folders.ts';
import * as moveDomainToFolder from './folders/move-domain-to-folder.ts';
import * as renameFolder from './folders/rename-folder.ts';
import * as setFolderSetting from './folders/set-folder-setting.ts';
import * as createHost from './hosts/create-host.ts';
import * as createNsset from './hosts/create-nsset.ts';
import * as deleteHost from './hosts/delete-host.ts';
import * as getDomainNsset from './hosts/get-domain-nsset.ts';
import * as getNsset from './hosts/get-nsset.ts';
import * as listHosts from './hosts/list-hosts.ts';
import * as setDomainNameServers from './hosts/set-domain-name-servers.ts';
import * as setDomainNsset from './hosts/set-domain-nsset.ts';
import * as setHostAddresses from './hosts/set-host-addresses.ts';
import * as upsertHost from './hosts/upsert-host.ts';
import * as deliverOutbox from './mail/deliver-outbox.ts';
import * as listOutbox from './mail/list-outbox.ts';
import * as buyListing from './marketplace/buy-listing.ts';
import * as listListings from './marketplace/list-listings.ts';
import * as setForSale from './marketplace/set-for-sale.ts';
import * as setSyndicationAction from './marketplace/set-syndication-action.ts';
import * as ackNotification from './notifications/ack-notification.ts';
import * as listNotifications from './notifications/list-notifications.ts';
import * as pollNotification from './notifications/poll-notification.ts';
import * as queueTestNotification from './notifications/queue-test-notification.ts';
import * as getOrder from './orders/get-order.ts';
import * as getOrderPayments from './orders/get-order-payments.ts';
import * as listOrders from './orders/list-orders.ts';
import * as claimRequest from './requests/claim-request.ts';
import * as storeResponse from './requests/store-response.ts';
import * as answerPush from './pushes/answer-push.ts';
import * as createPush from './pushes/create-push.ts';
import * as expirePushes from './pushes/expire-pushes.ts';
import * as listIncomingPushes from './pushes/list-incoming-pushes.ts';
import * as checkToken from './sessions/check-token.ts';
import * as getSigningSecret from './sessions/get-signing-secret.ts';
import * as revokeToken from './sessions/revoke-token.ts';
import * as clearDefaultSetting from './settings/clear-default-setting.ts';
import * as clearDomainSetting from './settings/clear-domain-setting.ts';
import * as getDefaults from './settings/get-defaults.ts';
import * as setDefaultSetting from './settings/set-default-setting.ts';
import * as setEmailForward from './settings/set-email-forward.ts';
import * as completeDueTransfers from './transfers/complete-due-transfers.ts';
import * as resubmitTransferAuthCode from './transfers/resubmit-transfer-auth-code.ts';
import * as decideTransfer from './transfers/decide-transfer.ts';
import * as listTransfers from './transfers/list-transfers.ts';
import * as quoteTransfer from './transfers/quote-transfer.ts';
import * as requestTransfer from './transfers/request-transfer.ts';
import * as sendAuthCode from './transfers/send-auth-code.ts';
import * as lookupContactEntity from './whois/lookup-contact-entity.ts';
import * as lookupNameServer from './whois/lookup-name-server.ts';
import * as lookupRegistration from './whois/lookup-registration.ts';
import * as searchRegistrations from './whois/search-registrations.ts';
import * as whoisStats from './whois/whois-stats.ts';

import type { Flow } from '../context.ts';
import type { ErrorCode } from '../errors/index.ts';

export const FLOW_MODULES = {
  authenticateAccount,
  createAccount,
  depositFunds,
  getAccount,
  getAccountSpending,
  listAccounts,
  manageCredentials,
  setAccountLevel,
  setAccountStatus,
  updateAccount,
  wapiIpAllowlist,
  closeAuction,
  getAuctionDetails,
  listAuctionBids,
  listClosedAuctions,
  listOpenAuctions,
  openAuction,
  openExpiredAuctions,
  placeAuctionBid,
  advanceClock,
  setClock,
  showClock,
  completeCnAudit,
  createCnAudit,
  decideDueCnAudits,
  createContact,
  deleteContact,
  editContact,
  getCnAuditStatus,
  getContact,
  listContacts,
  setContactEuSetting,
  setContactLvSetting,
  setDomainContacts,
  addRecord,
  commitDueZones,
  commitZone,
  deleteRecord,
  exportZone,
  getRecord,
  importZone,
  listRecords,
  listRecordNotes,
  replaceZone,
  updateRecord,
  checkAvailability,
  deleteDomain,
  describeDomains,
  getAuthCode,
  getDomain,
  getDomainExtras,
  getDomainOverview,
  listDomains,
  listTldPrices,
  modifyDomain,
  quoteDomainPrices,
  registerDomain,
  renewDomain,
  renewDomainOnce,
  dnssec,
  resellerHold,
  restoreDomain,
  setAuthCode,
  upgradeDomain,
  verifyAuthCode,
  buyCloseout,
  enterCloseout,
  listCloseouts,
  auctionBackorderedName,
  cancelDropRequest,
  catchDroppedName,
  createBackorder,
  createPreorder,
  listDropRequests,
  clearFolderSetting,
  createFolder,
  deleteFolders,
  listFolders,
  moveDomainToFolder,
  renameFolder,
  setFolderSetting,
  createHost,
  createNsset,
  deleteHost,
  getDomainNsset,
  getNsset,
  listHosts,
  setDomainNameServers,
  setDomainNsset,
  setHostAddresses,
  upsertHost,
  deliverOutbox,
  listOutbox,
  buyListing,
  listListings,
  setForSale,
  setSyndicationAction,
  ackNotification,
  listNotifications,
  pollNotification,
  queueTestNotification,
  getOrder,
  getOrderPayments,
  listOrders,
  claimRequest,
  storeResponse,
  answerPush,
  createPush,
  expirePushes,
  listIncomingPushes,
  checkToken,
  getSigningSecret,
  revokeToken,
  clearDefaultSetting,
  clearDomainSetting,
  getDefaults,
  setDefaultSetting,
  setEmailForward,
  completeDueTransfers,
  resubmitTransferAuthCode,
  decideTransfer,
  listTransfers,
  quoteTransfer,
  requestTransfer,
  sendAuthCode,
  lookupContactEntity,
  lookupNameServer,
  lookupRegistration,
  searchRegistrations,
  whoisStats,
} as const satisfies Readonly<Record<string, { readonly throws: readonly ErrorCode[] }>>;

const THROWS = new Map<unknown, readonly ErrorCode[]>();
for (const m of Object.values(FLOW_MODULES) as readonly Readonly<Record<string, unknown>>[]) {
  const list = m.throws as readonly ErrorCode[];
  for (const [key, value] of Object.entries(m)) if (key !== 'throws' && typeof value === 'function') THROWS.set(value, list);
}

/** The codes a flow may throw, from its module's `throws` list; a flow outside the catalog is a programming error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function throwsOf(flow: Flow<any, any>): readonly ErrorCode[] {
  const list = THROWS.get(flow);
  if (list === undefined) throw new Error(`the flow ${flow.name || '(anonymous)'} has no throws list in src/core/flows/catalog.ts`);
  return list;
}
