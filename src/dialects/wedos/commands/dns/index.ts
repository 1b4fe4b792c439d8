/** The WAPI DNS commands (issue 8): the ones ACME clients (lego, acme.sh, certbot hooks) call, in the document's order. */
import type { Command } from '../../command.ts';
import { dnsDomainsList } from './dns-domains-list.ts';
import { dnsDomainInfo } from './dns-domain-info.ts';
import { dnsDomainCommit } from './dns-domain-commit.ts';
import { dnsRowsList } from './dns-rows-list.ts';
import { dnsRowDetail } from './dns-row-detail.ts';
import { dnsRowAdd } from './dns-row-add.ts';
import { dnsRowUpdate } from './dns-row-update.ts';
import { dnsRowDelete } from './dns-row-delete.ts';

export const DNS_COMMANDS: readonly Command[] = [
  dnsDomainsList, dnsDomainInfo, dnsDomainCommit, dnsRowsList, dnsRowDetail, dnsRowAdd, dnsRowUpdate, dnsRowDelete,
];
