/** Every served Dynadot command, one file each (README "Commands" lists which are still to come). */
import type { Command } from './command.ts';
import { isProcessing } from './is-processing.ts';

export const COMMANDS: readonly Command[] = [
  isProcessing,
];
