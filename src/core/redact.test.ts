import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretParam, redactText, redactUrl } from './redact.js';

/** Every parameter name of issue 16, with its family's case and separator variants. */
export const SECRET_PARAM_NAMES = [
  'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'X-Goog-Signature', 'X-Goog-Credential',
  'sig', 'token', 'access_token', 'api_key', 'apikey', 'client_secret', 'auth', 'passwd', 'password',
  'TOKEN', 'Api-Key', 'apiKey', 'accessToken', 'refresh.token', 'secret', 'pwd', 'pass', 'key', 'signature', 'authorization', 'sessiontoken',
];

test('the secret rule covers each family, case-insensitively, and keeps harmless names', () => {
  for (const n of SECRET_PARAM_NAMES) assert.ok(isSecretParam(n), n);
  for (const n of ['keys', 'author', 'compass', 'monkey', 'x', 'page', 'format', 'X-Amz-Date', 'X-Amz-Expires', 'signed', 'tokens_used']) assert.ok(!isSecretParam(n), n);
});

test('redactUrl hides every secret parameter value, in query and fragment, and keeps the rest', () => {
  for (const n of SECRET_PARAM_NAMES) {
    const out = redactUrl(`https://h.example/x.csv?a=1&${n}=S3CRET-value&b=2#frag`);
    assert.equal(out, `https://h.example/x.csv?a=1&${n}=***&b=2#frag`, n);
  }
  assert.equal(redactUrl('https://h/x#access_token=S3CRET&state=1'), 'https://h/x#access_token=***&state=1');
  assert.equal(redactUrl('https://h/x?X%2DAmz%2DSignature=S3CRET'), 'https://h/x?X%2DAmz%2DSignature=***');
});

test('a user name with no password is redacted in web URLs, kept in database URLs', () => {
  assert.equal(redactUrl('https://ghp_S3CRET@host.example/x.csv'), 'https://***@host.example/x.csv');
  assert.equal(redactUrl('http://S3CRET@127.0.0.1:8080/x.csv?token=T'), 'http://***@127.0.0.1:8080/x.csv?token=***');
  assert.equal(redactUrl('https://alice:S3CRET@h/x'), 'https://alice:***@h/x');
  assert.equal(redactUrl('mysql://root@h/db'), 'mysql://root@h/db');
  assert.equal(redactText('GET https://S3CRET@h/x failed; also https://h/y?sig=S3CRET'), 'GET https://***@h/x failed; also https://h/y?sig=***');
  // Not parseable as a URL, still hidden.
  assert.ok(!redactText('fetch https://S3CRET@exa mple/x').includes('S3CRET'));
});
