/**
 * Every operator command, by name: the CLI runs them in its own process
 * (direct mode) and the server's operator API (src/server/ops) runs them for
 * a CLI that finds a running server. Both import this module, never each
 * other. The CLI's program defines their arguments; the handlers live beside
 * this file.
 */
import type { CommandDefinition } from './command.ts';
import {
  accountActivate, accountApiKey, accountCreate, accountDeposit, accountList, accountSetWapiPassword, accountShow, accountSuspend,
  accountWapiIps,
} from './account.ts';
import { auctionClose, auctionOpen } from './auction.ts';
import { clockAdvance, clockSet, clockShow } from './clock.ts';
import { closeoutEnter, closeoutList } from './closeout.ts';
import { exportData, importData } from './data.ts';
import { dnsExport, dnsImport } from './dns.ts';
import { domainList, domainShow } from './domain.ts';
import { orderList } from './order.ts';
import { outboxList } from './outbox.ts';
import { sweepOnce } from './sweep.ts';
import { tldList, tldShow } from './tld.ts';

export const COMMANDS: ReadonlyMap<string, CommandDefinition> = new Map(
  [
    accountCreate, accountList, accountShow, accountDeposit, accountApiKey, accountSetWapiPassword, accountWapiIps, accountSuspend, accountActivate,
    tldList, tldShow,
    domainList, domainShow,
    orderList,
    outboxList,
    auctionOpen, auctionClose,
    closeoutEnter, closeoutList,
    clockShow, clockAdvance, clockSet, sweepOnce,
    exportData, importData,
    dnsExport, dnsImport,
  ].map((c) => [c.name, c]),
);

export { executeCommand, describeError, type CommandFailure } from './execute.ts';
export { CommandError, type CommandDefinition, type Options } from './command.ts';
