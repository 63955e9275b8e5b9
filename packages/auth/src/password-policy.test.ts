import { describe, expect, it } from 'vitest';

import { checkPasswordPolicy } from './password-policy';

const codes = (password: string, context = {}) =>
  checkPasswordPolicy(password, context).issues.map((issue) => issue.code);

describe('password policy', () => {
  it('accepts a long passphrase and a random password', () => {
    expect(checkPasswordPolicy('tidal-quartz-lantern-41')).toEqual({ ok: true, issues: [] });
    expect(checkPasswordPolicy('xK9#vQ2$mL7p')).toEqual({ ok: true, issues: [] });
  });

  it('refuses fewer than 10 and more than 128 characters, counting characters, not bytes', () => {
    expect(codes('Kx9#vQ2$m')).toEqual(['TOO_SHORT']);
    expect(codes('ñandú-ñandú')).toEqual([]); // 11 characters, 15 bytes
    expect(codes('🔐🌵🎈🐙🍋🚲🎲🧭🪁q')).toEqual([]); // 10 characters, 19 UTF-16 units
    expect(codes('🔐🌵🎈🐙🍋🚲🎲🧭🪁')).toEqual(['TOO_SHORT']); // 9 characters, 18 UTF-16 units
    expect(codes('ab3'.repeat(43))).toEqual(['TOO_LONG']);
    expect(codes('ab3'.repeat(42) + 'xy')).toEqual([]);
  });

  it('refuses the most common passwords in any case, and common ones dressed with digits and symbols', () => {
    for (const common of [
      '1234567890',
      'qwertyuiop',
      'password123',
      'PASSWORD123',
      'iloveyou12',
      'Password2024!',
      'Sunshine1987',
      '!!football!!',
    ]) {
      expect({ common, codes: codes(common) }).toEqual({
        common,
        codes: expect.arrayContaining(['TOO_COMMON']),
      });
    }
  });

  it('refuses one or two characters repeated', () => {
    expect(codes('aaaaaaaaaaaa')).toContain('TOO_COMMON');
    expect(codes('xyxyxyxyxyxy')).toContain('TOO_COMMON');
  });

  it('refuses a password containing the email name or the person’s name', () => {
    expect(codes('maria.lopez2031', { email: 'maria.lopez@example.com' })).toEqual([
      'CONTAINS_PERSONAL_INFO',
    ]);
    expect(codes('Quixote-rides-again', { name: 'Don Quixote' })).toEqual([
      'CONTAINS_PERSONAL_INFO',
    ]);
    // Short name parts are too common in ordinary words to refuse.
    expect(codes('tidal-quartz-ana-41', { name: 'Ana Li' })).toEqual([]);
  });

  it('names the password field and gives a message for every reason', () => {
    const result = checkPasswordPolicy('pass', { email: 'pass@x.y' });
    expect(result.ok).toBe(false);
    for (const issue of result.issues) {
      expect(issue.field).toBe('password');
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });
});
