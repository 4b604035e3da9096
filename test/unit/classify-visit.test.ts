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
