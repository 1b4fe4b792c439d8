/** Every WAPI command by name (lower case). A name defined twice is a bug, caught at start. */
import type { Command } from '../command.ts';
import { ACCOUNT_COMMANDS } from './account/index.ts';
import { DOMAIN_COMMANDS } from './domain/index.ts';
import { DNS_COMMANDS } from './dns/index.ts';

export const ALL_COMMANDS: readonly Command[] = [...ACCOUNT_COMMANDS, ...DOMAIN_COMMANDS, ...DNS_COMMANDS];

export const COMMANDS: ReadonlyMap<string, Command> = (() => {
  const map = new Map<string, Command>();
  for (const c of ALL_COMMANDS) {
    if (map.has(c.name)) throw new Error(`WAPI command ${c.name} is defined twice`);
    map.set(c.name, c);
  }
  return map;
})();
