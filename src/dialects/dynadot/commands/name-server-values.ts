/** Shared pieces of the name server commands: the `Server` element and ServerId parameters. */
import type { HostView } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';

/** `Server{Host, ServerId}` of add_ns and register_ns (ServerId a string in JSON too). */
export function serverTree(host: HostView): WireTree {
  return { Server: { Host: host.name, ServerId: String(host.id) } };
}

/** A ServerId as sent: digits only. regd numbers hosts from 1, so 0 is no host of the account. */
export function serverIdOf(param: string, value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw DynadotError.invalid(param, value);
  const id = Number(value);
  if (id < 1) throw new DynadotError(`could not find name server ${id} in your account`);
  return id;
}
