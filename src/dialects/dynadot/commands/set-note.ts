/**
 * set_note (§15.2, [L1085-1124]): the note of one domain, kept as sent
 * (spaces included); `note=` (empty) removes it. The parameter itself is
 * required.
 */
import { modifyDomain } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { singleDomain } from './setting-domains.ts';

export const setNote = defineCommand<{ readonly name: string; readonly note: string }>({
  name: 'set_note',
  uses: [modifyDomain],
  parse(params) {
    const name = singleDomain(params);
    const note = params.raw('note');
    if (note === undefined) throw DynadotError.missing('note');
    return { name, note };
  },
  async run(call, input) {
    await call.run(modifyDomain, { name: input.name, note: input.note });
    return {};
  },
});
