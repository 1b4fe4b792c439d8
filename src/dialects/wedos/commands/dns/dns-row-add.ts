/**
 * dns-row-add (`domain`, `name`, `ttl`, `type`, `rdata`, `auth_comment`):
 * a staged addition, published by dns-domain-commit or by the automatic
 * commit 5 minutes after the zone's first staged change. `name` absent or
 * "" is the apex; rdata as in rows.ts. `auth_comment` (optional) is kept
 * with the record and shown as its `author_comment`; longer than 255
 * characters or with control characters it is 2101. No data (as the
 * document says).
 */
import { addRecord, recordFromRdata } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { requiredString } from '../domain/params.ts';
import { authComment, rdata, rowName, ttl, zoneName } from './params.ts';
import { withDnsRefusals } from './refusals.ts';

interface Input {
  readonly domain: string;
  readonly name: string;
  readonly ttl: number;
  readonly type: string;
  readonly rdata: string;
  readonly comment: string | undefined;
}

export const dnsRowAdd = defineCommand<Input>({
  name: 'dns-row-add',
  uses: [addRecord],
  transaction: 'flow',
  parse(data) {
    const domain = zoneName(data, 'domain');
    const name = rowName(data);
    const type = requiredString(data, 'type', 2100, 2309);
    const t = ttl(data);
    const value = rdata(data);
    const comment = authComment(data);
    return { domain, name, ttl: t, type, rdata: value, comment };
  },
  async run(call, input) {
    return withDnsRefusals(async () => {
      await call.run(addRecord, {
        name: input.domain, record: recordFromRdata(input.type, input.name, input.ttl, input.rdata), staged: true,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
      });
      return { code: 1000 };
    });
  },
});
