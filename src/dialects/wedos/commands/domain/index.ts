/** The ten WAPI domain commands (issue 8), in the order of the document. */
import type { Command } from '../../command.ts';
import { domainsList } from './domains-list.ts';
import { domainCheck } from './domain-check.ts';
import { domainCreate } from './domain-create.ts';
import { domainInfo } from './domain-info.ts';
import { domainRenew } from './domain-renew.ts';
import { domainUpdateNs } from './domain-update-ns.ts';
import { domainTransferCheck } from './domain-transfer-check.ts';
import { domainTransfer } from './domain-transfer.ts';
import { domainSendAuthInfo } from './domain-send-auth-info.ts';
import { domainTldPeriodCheck } from './domain-tld-period-check.ts';

export const DOMAIN_COMMANDS: readonly Command[] = [
  domainsList, domainCheck, domainCreate, domainInfo, domainRenew, domainUpdateNs,
  domainTransferCheck, domainTransfer, domainSendAuthInfo, domainTldPeriodCheck,
];
