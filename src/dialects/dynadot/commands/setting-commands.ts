/**
 * The three setting families built from one table (setting-services.ts,
 * spec §8):
 *
 * - `set_<service>` (§15.2, §15.3): up to 100 comma-separated domains, all
 *   or nothing (setting-domains.ts), the service's per-domain flow for each;
 * - `set_default_<service>` (§15.8): the account's defaults template (core
 *   setDefaultSetting), applied by core to every domain the account then
 *   registers, whichever dialect registers it;
 * - `set_folder_<service>` (§15.9): a folder's template (core
 *   setFolderSetting), `folder_id` (set_folder_ns also reads the table's
 *   `fold_id`), `enable=yes` to apply it to domains moved into the folder
 *   later (`no` turns that off; absent keeps it), `sync=yes` to apply it
 *   now to the domains already there (set_folder_hosting also reads the
 *   table's `even`).
 *
 * Plus the two template clears, set_clear_default_setting and
 * set_clear_folder_setting (`service`). Every command's flow calls run in
 * one transaction: a refusal changes nothing.
 */
import { CLEARABLE_SERVICES, clearDefaultSetting, clearFolderSetting, setDefaultSetting, setFolderSetting } from '../../../core/index.ts';
import type { FlowCaller } from '../../kit/index.ts';
import { ENVELOPES } from '../envelopes.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import type { Answer } from '../render.ts';
import { defineCommand, type Command } from './command.ts';
import { SETTING_SERVICES, type AnySettingService } from './setting-services.ts';
import { settingDomains } from './setting-domains.ts';

/** The per-domain command of a service: the domain list, then the service's parameters. */
function domainCommand(s: AnySettingService, name: string): Command {
  const domain = s.domain!;
  return defineCommand<{ readonly names: string[]; readonly value: unknown }>({
    name,
    uses: domain.uses,
    parse: (params) => ({ names: settingDomains(params), value: s.read(params, 'domain') }),
    async run(call, input) {
      for (const n of input.names) await domain.apply(call, n, input.value);
      return {};
    },
  });
}

/** The account-default command of a service: each template part through setDefaultSetting. */
function defaultCommand(s: AnySettingService, name: string): Command {
  return defineCommand<{ readonly value: unknown }>({
    name,
    uses: [setDefaultSetting, ...(s.answer?.uses ?? [])],
    parse: (params) => {
      // The document's set_default_parking example sends an undocumented folder_id=0 [L3552]: 0 (the account itself) is accepted.
      const folder = params.one('folder_id');
      if (folder !== undefined && folder !== '' && folder !== '0') throw DynadotError.invalid('folder_id', folder);
      return { value: s.read(params, 'default') };
    },
    async run(call, input) {
      for (const part of s.parts(input.value)) await call.run(setDefaultSetting, { ...part, requireHostObjects: s.requireHostObjects === true });
      return answerOf(s, call, input.value, name);
    },
  });
}

interface FolderInput {
  readonly folderId: number;
  readonly value: unknown;
  readonly enable?: boolean;
  readonly sync: boolean;
}

/** The folder command of a service: `folder_id`, the service's parameters, `enable`, `sync`. */
function folderCommand(s: AnySettingService, name: string): Command {
  const idParams = name === 'set_folder_ns' ? ['folder_id', 'fold_id'] : ['folder_id'];
  const syncParams = name === 'set_folder_hosting' ? ['sync', 'even'] : ['sync'];
  return defineCommand<FolderInput>({
    name,
    uses: [setFolderSetting, ...(s.answer?.uses ?? [])],
    parse(params) {
      const folderId = folderIdOf(params, idParams);
      const value = s.read(params, 'folder');
      const enable = yesNoOf(params, ['enable']);
      return { folderId, value, ...(enable !== undefined ? { enable } : {}), sync: yesNoOf(params, syncParams) === true };
    },
    async run(call, input) {
      for (const part of s.parts(input.value)) {
        await call.run(setFolderSetting, {
          folderId: input.folderId,
          ...part,
          ...(input.enable !== undefined ? { enable: input.enable } : {}),
          sync: input.sync,
          requireHostObjects: s.requireHostObjects === true,
        });
      }
      return answerOf(s, call, input.value, name);
    },
  });
}

async function answerOf(s: AnySettingService, call: FlowCaller, value: unknown, name: string): Promise<Answer> {
  if (s.answer === undefined) return {};
  return s.answer.build(call, value, ENVELOPES[name]?.content ?? '');
}

/** A folder id (folder_list's FolderId): digits; the first of the spellings that is present. */
export function folderIdOf(params: Params, names: readonly string[] = ['folder_id']): number {
  const name = names.find((n) => params.one(n) !== undefined && params.one(n) !== '');
  if (name === undefined) throw DynadotError.missing(names[0]!);
  const v = params.one(name)!;
  if (!/^\d{1,15}$/.test(v)) throw DynadotError.invalid(name, v);
  return Number(v);
}

/** `yes` / `no` (any case) from the first spelling present; absent: undefined. */
function yesNoOf(params: Params, names: readonly string[]): boolean | undefined {
  const name = names.find((n) => params.one(n) !== undefined && params.one(n) !== '');
  if (name === undefined) return undefined;
  return params.choice(name, ['yes', 'no'] as const) === 'yes';
}

function build(target: 'domain' | 'default' | 'folder'): Command[] {
  const out: Command[] = [];
  for (const s of SETTING_SERVICES) {
    const name = s.commands[target];
    if (name === undefined) continue;
    out.push(target === 'domain' ? domainCommand(s, name) : target === 'default' ? defaultCommand(s, name) : folderCommand(s, name));
  }
  return out;
}

/** set_whois, set_ns, set_parking, set_forwarding, set_stealth, set_hosting, set_dns2, set_email_forward, set_renew_option. */
export const DOMAIN_SETTING_COMMANDS: readonly Command[] = build('domain');

export const setClearDefaultSetting = defineCommand<{ readonly service: (typeof CLEARABLE_SERVICES)[number] }>({
  name: 'set_clear_default_setting',
  uses: [clearDefaultSetting],
  parse: (params) => ({ service: params.requiredChoice('service', CLEARABLE_SERVICES) }),
  async run(call, input) {
    await call.run(clearDefaultSetting, { service: input.service });
    return {};
  },
});

export const setClearFolderSetting = defineCommand<{ readonly folderId: number; readonly service: (typeof CLEARABLE_SERVICES)[number] }>({
  name: 'set_clear_folder_setting',
  uses: [clearFolderSetting],
  parse: (params) => ({ folderId: folderIdOf(params), service: params.requiredChoice('service', CLEARABLE_SERVICES) }),
  async run(call, input) {
    await call.run(clearFolderSetting, { folderId: input.folderId, service: input.service });
    return {};
  },
});

/** set_default_whois … set_default_renew_option, then set_clear_default_setting (§15.8). */
export const DEFAULT_SETTING_COMMANDS: readonly Command[] = [...build('default'), setClearDefaultSetting];

/** set_folder_whois … set_folder_renew_option, then set_clear_folder_setting (§15.9). */
export const FOLDER_SETTING_COMMANDS: readonly Command[] = [...build('folder'), setClearFolderSetting];
