import { describe, expect, it } from 'vitest';

import { generateSecretToken, hashSecretToken, isSecretTokenShape } from './secret-token';

describe('secret tokens', () => {
  it('carry 160 random bits as 32 lower-case base32 characters, and never repeat', () => {
    const tokens = Array.from({ length: 1000 }, generateSecretToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their SHA-256 in hex', () => {
    // sha256("abc"), the FIPS 180-2 test vector.
    expect(hashSecretToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = generateSecretToken();
    expect(hashSecretToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecretToken(token)).toBe(hashSecretToken(token));
  });

  it('anything not shaped like one of our tokens is recognised before any lookup', () => {
    expect(isSecretTokenShape(generateSecretToken())).toBe(true);
    for (const junk of [
      undefined,
      null,
      42,
      '',
      'A'.repeat(32),
      'a'.repeat(31),
      'a'.repeat(33),
      `${'a'.repeat(31)}1`,
    ]) {
      expect(isSecretTokenShape(junk)).toBe(false);
    }
  });
});
