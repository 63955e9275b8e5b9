import { describe, expect, it } from 'vitest';

import { generateSecretToken } from '../tokens/secret-token';
import { createDevPasswordResetMailer } from './mailer';

const message = {
  to: 'ana@alpha.test',
  name: 'Ana',
  token: generateSecretToken(),
  expiresAt: new Date('2031-01-01T10:00:00Z'),
  clinicSlug: 'alpha',
};

describe('the development reset mailer', () => {
  it('logs the reset link with the token redacted by default', async () => {
    const lines: string[] = [];
    await createDevPasswordResetMailer({ log: (line) => lines.push(line) }).sendPasswordReset(
      message,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(message.token);
    expect(lines[0]).toContain('http://alpha.localhost:3000/reset-password?token=%5Bredacted%5D');
    expect(lines[0]).toContain('ana@alpha.test');
  });

  it('shows the real token only with the explicit development flag', async () => {
    const lines: string[] = [];
    await createDevPasswordResetMailer({
      log: (line) => lines.push(line),
      revealToken: true,
    }).sendPasswordReset(message);
    expect(lines[0]).toContain(`token=${message.token}`);
  });
});
