// Unit tests for classifyVisit: device, bot and referring host from request headers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyVisit } from '../../src/stats/classify-visit.js';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

describe('classifyVisit', () => {
  it('tells desktops, phones, tablets and bots apart, the same way every time a user agent comes back', () => {
    for (let round = 0; round < 3; round += 1) {
      assert.deepEqual(classifyVisit({ 'user-agent': CHROME_WINDOWS }, 'un.org.kg'), { device: 'desktop', bot: false, referrerHost: '' });
      assert.deepEqual(classifyVisit({ 'user-agent': SAFARI_IPHONE }, 'un.org.kg'), { device: 'mobile', bot: false, referrerHost: '' });
      assert.equal(classifyVisit({ 'user-agent': 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' }, 'un.org.kg').device, 'tablet');
      assert.deepEqual(classifyVisit({ 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, 'un.org.kg'), {
        device: 'other',
        bot: true,
        referrerHost: '',
      });
      assert.equal(classifyVisit({}, 'un.org.kg').bot, true);
    }
  });

  it('counts scripted clients as robots, by the user agent each sends of itself, and browsers as people', () => {
    const scripted = [
      'node', // Node's own fetch (undici), from Node 18 on
      'undici',
      'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
      'axios/1.7.7',
      'got (https://github.com/sindresorhus/got)',
      'Deno/1.46.3',
      'Bun/1.1.29',
      'curl/8.5.0',
      'Wget/1.21.4',
      'python-requests/2.32.3',
      'Python-urllib/3.12',
      'Python/3.12 aiohttp/3.10.5',
      'HTTPie/3.2.3',
      'Go-http-client/1.1',
      'Java/17.0.2',
      'Java-http-client/21.0.4',
      'Apache-HttpClient/4.5.14 (Java/17.0.2)',
      'okhttp/4.12.0',
      'Ktor client',
      'Dart/3.5 (dart:io)',
      'GuzzleHttp/7',
      'PHP/8.3',
      'libwww-perl/6.77',
      'Ruby',
      'rest-client/2.1.0 (linux-gnu x86_64) ruby/3.3.0p0',
      'Faraday v2.10.1',
      'hackney/1.20.1',
      'ureq/2.10.1',
      'PostmanRuntime/7.39.0',
      'insomnia/9.3.3',
      'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.4894',
    ];
    for (const agent of scripted) assert.equal(classifyVisit({ 'user-agent': agent }, 'un.org.kg').bot, true, agent);
    const browsers = [
      CHROME_WINDOWS,
      SAFARI_IPHONE,
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36',
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
    ];
    for (const agent of browsers) assert.equal(classifyVisit({ 'user-agent': agent }, 'un.org.kg').bot, false, agent);
  });

  it('keeps only another site as referrer, and only its host', () => {
    assert.equal(classifyVisit({ 'user-agent': CHROME_WINDOWS, referer: 'https://www.un.org.kg/mdg' }, 'un.org.kg').referrerHost, '');
    assert.equal(
      classifyVisit({ 'user-agent': CHROME_WINDOWS, referer: 'https://www.Google.com/search?q=un+kyrgyzstan' }, 'un.org.kg').referrerHost,
      'google.com',
    );
    assert.equal(classifyVisit({ 'user-agent': CHROME_WINDOWS, referer: 'javascript:alert(1)' }, 'un.org.kg').referrerHost, '');
  });

  it('classifies a flood of distinct user agents correctly after its memory of them is full', () => {
    for (let index = 0; index < 2000; index += 1)
      assert.equal(classifyVisit({ 'user-agent': `${CHROME_WINDOWS} build/${index}` }, 'un.org.kg').device, 'desktop');
    assert.equal(classifyVisit({ 'user-agent': `${SAFARI_IPHONE} build/1` }, 'un.org.kg').device, 'mobile');
  });
});
