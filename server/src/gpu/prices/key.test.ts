// The API key: where the CLI reads it, and redaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyFromEnv, isUsableApiKey, redact, REDACTED } from './key';

test('apiKeyFromEnv: BENCHPRESS_RUNPOD_API_KEY first, then RUNPOD_API_KEY; blank means none', () => {
  assert.equal(apiKeyFromEnv({ BENCHPRESS_RUNPOD_API_KEY: 'bp', RUNPOD_API_KEY: 'rp' }), 'bp');
  assert.equal(apiKeyFromEnv({ RUNPOD_API_KEY: 'rp' }), 'rp');
  assert.equal(apiKeyFromEnv({ BENCHPRESS_RUNPOD_API_KEY: '   ', RUNPOD_API_KEY: ' rp \n' }), 'rp');
  assert.equal(apiKeyFromEnv({ BENCHPRESS_RUNPOD_API_KEY: '', RUNPOD_API_KEY: '' }), undefined);
  assert.equal(apiKeyFromEnv({}), undefined);
  assert.equal(apiKeyFromEnv({ runpod_api_key: 'lower-case names are other variables' }), undefined);
});

test('redact: the key, its URL-encoded and JSON-escaped forms, and Bearer credentials', () => {
  const key = 'rpa_ABC/def+ghi"jk';
  assert.equal(redact(`key=${key}; again ${key}`, key), `key=${REDACTED}; again ${REDACTED}`);
  assert.equal(redact(`?api_key=${encodeURIComponent(key)}`, key), `?api_key=${REDACTED}`);
  assert.equal(redact(JSON.stringify({ key }), key), `{"key":"${REDACTED}"}`);
  assert.equal(redact('Authorization: Bearer some-other-token', key), `Authorization: Bearer ${REDACTED}`);
  assert.equal(redact('nothing secret here', key), 'nothing secret here');
  assert.equal(redact('no key given', undefined), 'no key given');
  assert.equal(redact('no key given', ''), 'no key given');
  assert.equal(redact(`padded ${key}`, `  ${key}  `), `padded ${REDACTED}`);
});

test('isUsableApiKey: visible ASCII only', () => {
  assert.ok(isUsableApiKey('rpa_0123ABCdef'));
  for (const bad of ['', 'with space', 'line\nbreak', 'tab\there', 'crlf\r\nX-Evil: 1', 'ключ', 'nul\u0000']) assert.ok(!isUsableApiKey(bad), JSON.stringify(bad));
});
