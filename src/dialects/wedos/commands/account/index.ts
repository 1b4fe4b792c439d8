/** The account-level WAPI commands: connectivity, the poll queue, contacts and NSSETs. */
import type { Command } from '../../command.ts';
import { ping } from './ping.ts';
import { pingAsync } from './ping-async.ts';
import { pollReq } from './poll-req.ts';
import { pollAck } from './poll-ack.ts';
import { contactInfo } from './contact-info.ts';
import { contactCreate } from './contact-create.ts';
import { nssetCreate } from './nsset-create.ts';
import { nssetInfo } from './nsset-info.ts';

export const ACCOUNT_COMMANDS: readonly Command[] = [ping, pingAsync, pollReq, pollAck, contactInfo, contactCreate, nssetCreate, nssetInfo];
