/**
 * set_folder (§15.2, §8, [L1000-1040]): move one domain into a folder, by
 * its case-sensitive `folder` name (`Default`: the default folder, i.e. no
 * folder) or by `folder_id` (folder_list's FolderId; `-1`, the id the
 * "(no folder)" entry shows, also means no folder). When both are sent,
 * `folder_id` decides. Entering a folder applies its enabled settings
 * (core moveDomainToFolder).
 */
import { moveDomainToFolder } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { singleDomain } from './setting-domains.ts';

type Target = { readonly folder: string } | { readonly folderId: number };

export const setFolder = defineCommand<{ readonly name: string; readonly target: Target }>({
  name: 'set_folder',
  uses: [moveDomainToFolder],
  parse(params) {
    const name = singleDomain(params);
    const id = params.one('folder_id');
    if (id !== undefined && id !== '') {
      if (id === '-1') return { name, target: { folder: 'Default' } };
      return { name, target: { folderId: params.integer('folder_id', 1)! } };
    }
    const folder = params.raw('folder');
    if (folder === undefined || folder === '') throw DynadotError.missing('folder');
    return { name, target: { folder } };
  },
  async run(call, input) {
    await call.run(moveDomainToFolder, { name: input.name, ...input.target });
    return {};
  },
});
