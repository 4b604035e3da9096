// Usernames: the rules for a new one, and the key that makes look-alike names one name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUsername, usernameKey } from '../../src/forum/usernames.js';

describe('checkUsername', () => {
  it('accepts Latin or Cyrillic letters, digits and . - _ inside', () => {
    for (const name of ['aida', 'Aida.Bekova', 'nurlan_88', 'Айгүл', 'Нурлан-Бишкек', 'josé', 'abc']) assert.equal(checkUsername(name), undefined, name);
  });

  it('refuses names shorter than 3 or longer than 30 characters', () => {
    assert.equal(checkUsername('ab'), 'too-short');
    assert.equal(checkUsername('a'.repeat(31)), 'too-long');
    assert.equal(checkUsername('a'.repeat(30)), undefined);
  });

  it('refuses spaces, symbols, other scripts and invisible characters', () => {
    for (const name of ['aida bekova', 'aida@un', '<script>', 'αβγδ', 'aida\u200b', 'aida😀']) assert.equal(checkUsername(name), 'characters', name);
  });

  it('refuses . - _ at either end or twice in a row', () => {
    for (const name of ['.aida', 'aida.', '-aida', 'aida_', 'ai..da', 'ai._da']) assert.equal(checkUsername(name), 'punctuation', name);
  });

  it('refuses Latin and Cyrillic letters in one name', () => {
    assert.equal(checkUsername('аida'), 'mixed-scripts', 'Cyrillic а with Latin ida');
  });

  it('refuses a name without a letter', () => {
    assert.equal(checkUsername('12345'), 'needs-letter');
  });

  it('refuses names readers would take for the site, also spelt to look alike, unless allowed (the CLI)', () => {
    for (const name of ['admin', 'Admin', 'adm1n', 'Moderator', 'm0derator', 'deleted-member']) assert.equal(checkUsername(name), 'reserved', name);
    assert.equal(checkUsername('admin', { allowReserved: true }), undefined);
  });

  it('reads full-width letters and combining accents as plain and composed ones (NFKC)', () => {
    assert.equal(checkUsername('ａｉｄａ'), undefined);
    assert.equal(checkUsername('ai\u0301da'), undefined, 'i and a combining acute are í');
  });
});

describe('usernameKey', () => {
  it('is the same for names that differ only in case, accents, punctuation or look-alike letters', () => {
    const same = [
      ['Aida', 'aida', 'AIDA', 'ａｉｄａ'],
      ['aida', 'аida', 'аіdа'],
      ['john.smith', 'john_smith', 'johnsmith', 'john-smith'],
      ['Ivan', 'lvan', '1van'],
      ['modern', 'modem'],
      ['Алёна', 'Алена'],
      ['Nurlan0', 'nurlano'],
    ];
    for (const group of same) {
      for (const name of group) assert.equal(usernameKey(name), usernameKey(group[0]!), `${name} ~ ${group[0]}`);
    }
  });

  it('keeps names apart that look different', () => {
    assert.notEqual(usernameKey('aida'), usernameKey('aide'));
    assert.notEqual(usernameKey('Айгүл'), usernameKey('Айгул2'));
  });
});
