import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';

import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes that both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'same')).toBe(true);
    expect(await verifyPassword(second, 'same')).toBe(true);
  });

  it('uses Argon2id with the OWASP parameters', async () => {
    const stored = await hashPassword('secret');
    expect(stored).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(parseOptions(stored)).toMatchObject({
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
      outputLen: 32,
      saltLen: 16,
    });
  });

  it('answers false for a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'secret')).toBe(false);
    expect(await verifyPassword('', 'secret')).toBe(false);
  });

  it('handles non-ASCII passwords', async () => {
    const stored = await hashPassword('contraseña-ñandú-🔐');
    expect(await verifyPassword(stored, 'contraseña-ñandú-🔐')).toBe(true);
    expect(await verifyPassword(stored, 'contrasena-nandu-🔐')).toBe(false);
  });
});
