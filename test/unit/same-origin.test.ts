// The cross-site check of forms, as a table: Sec-Fetch-Site first, then Origin, then Referer; and the client's address.
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { clientAddress } from '../../src/http/client-address.js';
import { crossSiteReason } from '../../src/http/same-origin.js';
import { readCookie } from '../../src/lib/cookies.js';

const OWN = ['https://un.org.kg'];
const HOST = { host: 'un.org.kg' };

const table: [what: string, headers: IncomingHttpHeaders, refused: boolean][] = [
  ['Sec-Fetch-Site: same-origin', { ...HOST, 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, false],
  ['Sec-Fetch-Site: same-site (a subdomain the site does not control)', { ...HOST, 'sec-fetch-site': 'same-site' }, true],
  ['Sec-Fetch-Site: cross-site', { ...HOST, 'sec-fetch-site': 'cross-site', origin: 'https://un.org.kg' }, true],
  ['Sec-Fetch-Site: none (typed in the address bar)', { ...HOST, 'sec-fetch-site': 'none' }, true],
  ['the site’s own Origin', { ...HOST, origin: 'https://un.org.kg' }, false],
  ['an Origin matching the Host the browser addressed (another port, a proxy)', { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }, false],
  ['another Origin', { ...HOST, origin: 'https://evil.example' }, true],
  ['an Origin that is neither SITE_URL’s nor the Host addressed', { host: 'evil.example', origin: 'http://un.org.kg' }, true],
  ['Origin: null (a sandboxed frame)', { ...HOST, origin: 'null' }, true],
  ['a Referer from the site', { ...HOST, referer: 'https://un.org.kg/forum/login' }, false],
  ['a Referer from another site', { ...HOST, referer: 'https://evil.example/page' }, true],
  ['no header at all (left to the token check)', { ...HOST }, false],
];

describe('crossSiteReason', () => {
  for (const [what, headers, refused] of table) {
    it(`${refused ? 'refuses' : 'accepts'} ${what}`, () => {
      assert.equal(crossSiteReason(headers, OWN) !== undefined, refused);
    });
  }
});

describe('clientAddress', () => {
  const request = (remoteAddress: string, forwarded?: string): IncomingMessage =>
    ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('takes the connection’s address, whatever X-Forwarded-For says, unless a proxy is trusted', () => {
    assert.equal(clientAddress(request('203.0.113.9', '198.51.100.1'), false), '203.0.113.9');
  });
  it('takes the address the trusted proxy appended last, not one the client wrote before it', () => {
    assert.equal(clientAddress(request('127.0.0.1', '198.51.100.1, 203.0.113.7'), true), '203.0.113.7');
    assert.equal(clientAddress(request('127.0.0.1'), true), '127.0.0.1');
  });
});

describe('readCookie', () => {
  it('finds a cookie among others, and nothing for a name that is only a prefix', () => {
    assert.equal(readCookie('a=1; __Host-presession=abc; b=2', '__Host-presession'), 'abc');
    assert.equal(readCookie('__Host-presessionx=abc', '__Host-presession'), undefined);
    assert.equal(readCookie(undefined, 'a'), undefined);
    assert.equal(readCookie('a="quoted"', 'a'), 'quoted');
  });
});
