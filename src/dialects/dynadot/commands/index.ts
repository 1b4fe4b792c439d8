/** Every served Dynadot command, one file each (README "Commands" lists which are still to come). */
import type { Command } from './command.ts';
import { isProcessing } from './is-processing.ts';
import { getNs } from './get-ns.ts';
import { addNs } from './add-ns.ts';
import { registerNs } from './register-ns.ts';
import { setNsIp } from './set-ns-ip.ts';
import { deleteNs, deleteNsByDomain } from './delete-ns.ts';
import { serverList } from './server-list.ts';

export const COMMANDS: readonly Command[] = [
  isProcessing,
  getNs, addNs, registerNs, setNsIp, deleteNs, deleteNsByDomain, serverList,
];
