/** Every served Dynadot command, one file each (README "Commands" lists which are still to come). */
import type { Command } from './command.ts';
import { isProcessing } from './is-processing.ts';
import { search } from './search.ts';
import { suggestionSearch } from './suggestion-search.ts';
import { register } from './register.ts';
import { bulkRegister } from './bulk-register.ts';
import { del } from './delete.ts';
import { renew } from './renew.ts';
import { domainInfo } from './domain-info.ts';
import { listDomain } from './list-domain.ts';
import { lock, lockDomain } from './lock-domain.ts';
import { tldPrice } from './tld-price.ts';
import { DEFAULT_SETTING_COMMANDS, DOMAIN_SETTING_COMMANDS, FOLDER_SETTING_COMMANDS } from './setting-commands.ts';
import { createFolderCommand, deleteFolderCommand, folderList, setFolderName } from './folder-commands.ts';
import { setClearDomainSetting } from './set-clear-domain-setting.ts';
import { setCustomerId } from './set-customer-id.ts';
import { setFolder } from './set-folder.ts';
import { setNote } from './set-note.ts';
import { setPrivacy } from './set-privacy.ts';
import { getNs } from './get-ns.ts';
import { addNs } from './add-ns.ts';
import { registerNs } from './register-ns.ts';
import { setNsIp } from './set-ns-ip.ts';
import { deleteNs, deleteNsByDomain } from './delete-ns.ts';
import { serverList } from './server-list.ts';
import { getDns } from './get-dns.ts';
import { setDomainDnssecCommand } from './set-domain-dnssec.ts';
import { accountInfo } from './account-info.ts';
import { getAccountBalance } from './get-account-balance.ts';
import { orderList } from './order-list.ts';
import { getOrderStatus } from './get-order-status.ts';
import { getWhoisStatsCommand } from './get-whois-stats.ts';
import { getResellerHoldStatus, setResellerHoldStatus } from './reseller-hold-status.ts';
import { contactList, createContactCommand, deleteContactCommand, editContactCommand, getContactCommand } from './contacts.ts';
import { createCnAuditCommand, getCnAuditStatusCommand, setContactEuSettingCommand, setContactLvSettingCommand } from './contact-registry.ts';
import {
  authorizeTransferAway, cancelTransferCommand, getTransferAuthCode, getTransferStatusCommand, setTransferAuthCode, transfer,
} from './transfers.ts';
import { getDomainPushRequest, push, setDomainPushRequest } from './pushes.ts';
import { addBackorderRequest, backorderRequestList, deleteBackorderRequest } from './backorders.ts';
import { buyItNow, getListingItem, getListings, setAfternicConfirmAction, setForSaleCommand, setSedoConfirmAction } from './listings.ts';
import { buyExpiredCloseoutDomain, getExpiredCloseoutDomains } from './closeouts.ts';
import { getAuctionBids, getAuctionDetailsCommand, getClosedAuctions, getOpenAuctions, placeAuctionBidCommand } from './auctions.ts';
import { getBackorderAuctionDetails, getClosedBackorderAuctions, getOpenBackorderAuctions, placeBackorderAuctionBid } from './auctions-backorder.ts';

export const COMMANDS: readonly Command[] = [
  isProcessing,
  // domain (§15.1)
  search, suggestionSearch, register, bulkRegister, del, renew, domainInfo, listDomain, lockDomain, lock, tldPrice,
  // domain settings (§15.2)
  // (set_whois, set_ns, set_parking, set_forwarding, set_stealth, set_hosting, set_dns2, set_email_forward, set_renew_option)
  ...DOMAIN_SETTING_COMMANDS, setClearDomainSetting, setFolder, setNote, setPrivacy, setCustomerId,
  getNs, addNs, registerNs, setNsIp, deleteNs, deleteNsByDomain, serverList,
  getDns, setDomainDnssecCommand,
  // account, orders and misc (§15.7, §15.13, §15.14)
  accountInfo, getAccountBalance, orderList, getOrderStatus, getWhoisStatsCommand, getResellerHoldStatus, setResellerHoldStatus,
  // contacts (§15.5)
  createContactCommand, editContactCommand, deleteContactCommand, contactList, getContactCommand,
  setContactEuSettingCommand, setContactLvSettingCommand, createCnAuditCommand, getCnAuditStatusCommand,
  // transfers and pushes (§15.6)
  transfer, getTransferStatusCommand, setTransferAuthCode, cancelTransferCommand, getTransferAuthCode, authorizeTransferAway,
  push, getDomainPushRequest, setDomainPushRequest,
  // account defaults (§15.8) and folders (§15.9), from the same table of services as the domain settings
  ...DEFAULT_SETTING_COMMANDS,
  createFolderCommand, deleteFolderCommand, setFolderName, folderList, ...FOLDER_SETTING_COMMANDS,
  // backorder requests (§15.10) and the marketplace (§15.12)
  addBackorderRequest, deleteBackorderRequest, backorderRequestList,
  setForSaleCommand, getListings, getListingItem, buyItNow, setAfternicConfirmAction, setSedoConfirmAction,
  getExpiredCloseoutDomains, buyExpiredCloseoutDomain,
  // auctions (§15.11)
  getOpenAuctions, getAuctionDetailsCommand, getAuctionBids, placeAuctionBidCommand, getClosedAuctions,
  getOpenBackorderAuctions, getBackorderAuctionDetails, placeBackorderAuctionBid, getClosedBackorderAuctions,
];
