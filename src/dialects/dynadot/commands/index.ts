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
import { setClearDomainSetting } from './set-clear-domain-setting.ts';
import { setCustomerId } from './set-customer-id.ts';
import { setEmailForwardCommand } from './set-email-forward.ts';
import { setFolder } from './set-folder.ts';
import { setForwarding } from './set-forwarding.ts';
import { setHosting } from './set-hosting.ts';
import { setNote } from './set-note.ts';
import { setNs } from './set-ns.ts';
import { setParking } from './set-parking.ts';
import { setPrivacy } from './set-privacy.ts';
import { setRenewOption } from './set-renew-option.ts';
import { setStealth } from './set-stealth.ts';
import { setWhois } from './set-whois.ts';
import { getNs } from './get-ns.ts';
import { addNs } from './add-ns.ts';
import { registerNs } from './register-ns.ts';
import { setNsIp } from './set-ns-ip.ts';
import { deleteNs, deleteNsByDomain } from './delete-ns.ts';
import { serverList } from './server-list.ts';
import { setDns2 } from './set-dns2.ts';
import { getDns } from './get-dns.ts';
import { setDomainDnssecCommand } from './set-domain-dnssec.ts';
import { accountInfo } from './account-info.ts';
import { getAccountBalance } from './get-account-balance.ts';
import { orderList } from './order-list.ts';
import { getOrderStatus } from './get-order-status.ts';
import { getWhoisStatsCommand } from './get-whois-stats.ts';
import { getResellerHoldStatus, setResellerHoldStatus } from './reseller-hold-status.ts';

export const COMMANDS: readonly Command[] = [
  isProcessing,
  // domain (§15.1)
  search, suggestionSearch, register, bulkRegister, del, renew, domainInfo, listDomain, lockDomain, lock, tldPrice,
  // domain settings (§15.2)
  setWhois, setNs, setParking, setForwarding, setStealth, setHosting, setEmailForwardCommand, setClearDomainSetting,
  setFolder, setRenewOption, setNote, setPrivacy, setCustomerId,
  getNs, addNs, registerNs, setNsIp, deleteNs, deleteNsByDomain, serverList,
  setDns2, getDns, setDomainDnssecCommand,
  // account, orders and misc (§15.7, §15.13, §15.14)
  accountInfo, getAccountBalance, orderList, getOrderStatus, getWhoisStatsCommand, getResellerHoldStatus, setResellerHoldStatus,
];
