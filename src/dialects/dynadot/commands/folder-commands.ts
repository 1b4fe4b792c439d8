/**
 * The folders themselves (§15.9): create_folder [L3926-3975] (root
 * `FolderCreateResponse`, §16), delete_folder [L3978-4016] (a comma list
 * of ids, all or nothing; their domains go back to no folder and keep
 * their settings), set_folder_name [L4544-4583] and folder_list
 * [L4629-4765]. A folder's template is set by the set_folder_* commands
 * (setting-commands.ts); folder_list reports what of it the document
 * shows: the whois contacts, the name server setting, the renew option
 * and the transfer lock, each with its `…EnableStatus` (`enable` when
 * domains moved into the folder take it).
 */
import {
  createFolder, deleteFolders, listFolders, MAX_DELETE_FOLDERS, renameFolder, SERVICE_SLOT, type FolderView,
} from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';
import { YesNo } from '../values.ts';
import { nameServerSettingsOf } from './account-info.ts';
import { defineCommand } from './command.ts';
import { RENEW_OPTION_NAMES } from '../domain-data.ts';
import { folderIdOf } from './setting-commands.ts';

export const createFolderCommand = defineCommand<{ readonly name: string }>({
  name: 'create_folder',
  uses: [createFolder],
  parse: (params) => ({ name: params.required('folder_name') }),
  async run(call, input) {
    const f = await call.run(createFolder, { name: input.name });
    const content = { FolderName: f.name, FolderId: String(f.id) };
    return { content, json: { FolderCreateContent: content } };
  },
});

export const deleteFolderCommand = defineCommand<{ readonly ids: number[] }>({
  name: 'delete_folder',
  uses: [deleteFolders],
  parse(params) {
    const ids = params.requiredList('folder_id', MAX_DELETE_FOLDERS).map((v) => {
      if (!/^\d{1,15}$/.test(v)) throw DynadotError.invalid('folder_id', v);
      return Number(v);
    });
    return { ids };
  },
  async run(call, input) {
    await call.run(deleteFolders, { folderIds: input.ids });
    return {};
  },
});

export const setFolderName = defineCommand<{ readonly folderId: number; readonly name: string }>({
  name: 'set_folder_name',
  uses: [renameFolder],
  parse: (params) => ({ folderId: folderIdOf(params), name: params.required('folder_name') }),
  async run(call, input) {
    await call.run(renameFolder, { folderId: input.folderId, name: input.name });
    return {};
  },
});

export const folderList = defineCommand<Record<string, never>>({
  name: 'folder_list',
  uses: [listFolders],
  // One read: no transaction of its own needed.
  transaction: 'flow',
  parse: () => ({}),
  async run(call) {
    const { folders } = await call.run(listFolders, {});
    const items = folders.map(folderTree);
    return { content: { FolderList: { List: { Folder: items } } }, json: { FolderList: items } };
  },
});

const status = (on: boolean | undefined): string => (on === true ? 'enable' : 'disable');

/** One `Folder`, the same keys in XML and JSON (README: JSON names DefaultNameServerEnableStatus as XML does). */
function folderTree(f: FolderView): WireTree {
  const t = f.template;
  const id = (n: number | undefined): WireTree => ({ ContactId: String(n ?? 0) });
  const slot = SERVICE_SLOT.find((k) => t[k] !== undefined);
  return {
    FolderId: String(f.id),
    FolderName: f.name,
    DefaultWhois: {
      DefaultWhoisEnableStatus: status(f.enabled.contacts),
      DefaultRegistrant: id(t.contacts?.registrant),
      DefaultAdmin: id(t.contacts?.admin),
      DefaultTechnical: id(t.contacts?.tech),
      DefaultBilling: id(t.contacts?.billing),
    },
    DefaultNameServers: {
      DefaultNameServerEnableStatus: status(slot === undefined ? false : f.enabled[slot]),
      NameServerSettings: nameServerSettingsOf(t, YesNo),
    },
    DefaultRenewOption: {
      DefaultRenewOptionEnableStatus: status(f.enabled.renewOption),
      RenewOption: RENEW_OPTION_NAMES[t.renewOption ?? 'reset'],
    },
    // regd's folders have no transfer-lock setting: a domain moved in keeps its own lock (new registrations are unlocked).
    DefaultTransferLock: { DefaultTransferLockEnableStatus: 'disable', LockStatus: 'unlocked' },
  };
}
