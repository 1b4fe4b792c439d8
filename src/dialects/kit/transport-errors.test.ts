import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTransportError } from './transport-errors.ts';

test('success: Fastify client errors sorted by kind', () => {
  const cases: [unknown, string | undefined][] = [
    [{ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 'body-too-large'],
    [{ code: 'FST_REQ_FILE_TOO_LARGE', statusCode: 413 }, 'body-too-large'],
    [{ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }, 'unsupported-body'],
    [{ code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 }, 'unsupported-body'],
    [{ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }, 'malformed-json'],
    [{ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }, 'malformed-json'],
    [{ code: 'FST_ERR_BAD_URL', statusCode: 400 }, 'malformed-request'],
    [{ statusCode: 400 }, 'malformed-request'],
    [new Error('boom'), undefined],
    [{ statusCode: 500 }, undefined],
    [null, undefined],
    ['text', undefined],
  ];
  for (const [err, kind] of cases) assert.equal(classifyTransportError(err)?.kind, kind, JSON.stringify(err));
});
