/** The 22 functions of the Freenom API v2 (and its Dot CF edition), one file each. */
import type { Command } from './command.ts';
import { contactDelete } from './contact-delete.ts';
import { contactGetinfo } from './contact-getinfo.ts';
import { contactList } from './contact-list.ts';
import { contactRegister } from './contact-register.ts';
import { domainDelete } from './domain-delete.ts';
import { domainGetinfo } from './domain-getinfo.ts';
import { domainList } from './domain-list.ts';
import { domainModify } from './domain-modify.ts';
import { domainRegister } from './domain-register.ts';
import { domainRenew } from './domain-renew.ts';
import { domainRestore } from './domain-restore.ts';
import { domainSearch } from './domain-search.ts';
import { domainUpgrade } from './domain-upgrade.ts';
import { nameserverDelete } from './nameserver-delete.ts';
import { nameserverList } from './nameserver-list.ts';
import { nameserverRegister } from './nameserver-register.ts';
import { servicePing } from './service-ping.ts';
import { transferApprove } from './transfer-approve.ts';
import { transferDecline } from './transfer-decline.ts';
import { transferList } from './transfer-list.ts';
import { transferPrice } from './transfer-price.ts';
import { transferRequest } from './transfer-request.ts';

export const COMMANDS: readonly Command[] = [
  servicePing,
  domainSearch, domainRegister, domainRenew, domainGetinfo, domainModify, domainDelete, domainRestore, domainUpgrade, domainList,
  nameserverRegister, nameserverDelete, nameserverList,
  contactRegister, contactDelete, contactGetinfo, contactList,
  transferPrice, transferRequest, transferApprove, transferDecline, transferList,
];
