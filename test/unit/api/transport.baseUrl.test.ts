import * as assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost, isPipedriveHost, needsTokenConsent } from '../../../src/api/baseUrl';
import { PipedriveError } from '../../../src/api/PipedriveError';

function refusal(value: string): PipedriveError {
  try {
    checkBaseUrl(value);
  } catch (e) {
    assert.ok(e instanceof PipedriveError);
    return e;
  }
  throw new Error(`accepted ${value}`);
}

describe('apiBaseUrl: where the token may go', () => {
  it('accepts https anywhere and http only on loopback, normalised', () => {
    assert.equal(checkBaseUrl('https://api.pipedrive.com/'), 'https://api.pipedrive.com');
    assert.equal(checkBaseUrl(' https://acme.pipedrive.com/api// '), 'https://acme.pipedrive.com/api');
    assert.equal(checkBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(checkBaseUrl('http://127.4.5.6'), 'http://127.4.5.6');
    assert.equal(checkBaseUrl('http://localhost:3000/'), 'http://localhost:3000');
    assert.equal(checkBaseUrl('http://[::1]:9/'), 'http://[::1]:9');
    assert.equal(checkBaseUrl(undefined), 'https://api.pipedrive.com');
  });

  it('refuses http to other hosts, other schemes, credentials, queries and fragments with a clear message', () => {
    const http = refusal('http://api.pipedrive.com');
    assert.equal(http.kind, 'validation');
    assert.equal(http.field, 'apiBaseUrl');
    assert.match(http.message, /must use https.*unencrypted to api\.pipedrive\.com/);
    assert.match(refusal('http://128.0.0.1').message, /must use https/);
    assert.match(refusal('http://localhost.evil.com').message, /must use https/);
    assert.match(refusal('ftp://api.pipedrive.com').message, /https URL/);
    assert.match(refusal('not a url').message, /must be a URL/);
    for (const v of ['https://u:p@api.pipedrive.com', 'https://api.pipedrive.com/?a=1', 'https://api.pipedrive.com/#x', 'https://api.pipedrive.com/?']) {
      assert.match(refusal(v).message, /user name, password, query or fragment/, v);
    }
  });

  it('Pipedrive hosts are pipedrive.com and its subdomains over https only', () => {
    assert.equal(isPipedriveHost('https://api.pipedrive.com'), true);
    assert.equal(isPipedriveHost('https://pipedrive.com'), true);
    assert.equal(isPipedriveHost('https://acme.pipedrive.com/x'), true);
    assert.equal(isPipedriveHost('http://api.pipedrive.com'), false);
    assert.equal(isPipedriveHost('https://evilpipedrive.com'), false);
    assert.equal(isPipedriveHost('https://api.pipedrive.com.evil.org'), false);
    assert.equal(isPipedriveHost('nonsense'), false);
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('10.0.0.1'), false);
  });

  it('consent: needed for a foreign host until confirmed, never for Pipedrive or (by default) loopback', () => {
    assert.equal(needsTokenConsent('https://example.org', []), true);
    assert.equal(needsTokenConsent('https://example.org:8443', ['example.org']), true, 'the port is part of the host');
    assert.equal(needsTokenConsent('https://example.org', ['example.org']), false);
    assert.equal(needsTokenConsent('https://acme.pipedrive.com', []), false);
    assert.equal(needsTokenConsent('http://127.0.0.1:5000', []), false);
    assert.equal(needsTokenConsent('http://127.0.0.1:5000', [], false), true);
  });
});
