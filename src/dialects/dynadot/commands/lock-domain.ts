/**
 * lock_domain (§15.1, [L2924-2962]) and `lock`, its name in the command
 * list: sets the transfer lock of one domain (already locked: success).
 * The example's `<LockDomainferHeader>` opening tag is a typo of the
 * document; the answer uses `LockDomainHeader` (README "Choices").
 */
import { modifyDomain } from '../../../core/index.ts';
import { defineCommand, type Command } from './command.ts';

function lockCommand(name: 'lock_domain' | 'lock'): Command {
  return defineCommand<{ readonly name: string }>({
    name,
    uses: [modifyDomain],
    parse(params) {
      return { name: params.required('domain') };
    },
    async run(call, input) {
      await call.run(modifyDomain, { name: input.name, locked: true });
      return {};
    },
  });
}

export const lockDomain = lockCommand('lock_domain');
export const lock = lockCommand('lock');
