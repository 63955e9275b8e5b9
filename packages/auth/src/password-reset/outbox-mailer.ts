import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { PasswordResetMailer, PasswordResetMessage } from './mailer';

/**
 * A mailer for test runs: writes each message as a JSON file into `dir` instead of sending
 * it, so end-to-end tests can follow the links a real user would receive. It holds live
 * tokens: point it at a throwaway folder, never in production.
 */
export function createOutboxMailer(dir: string): PasswordResetMailer {
  return {
    async sendPasswordReset(message: PasswordResetMessage) {
      await mkdir(dir, { recursive: true });
      const file = `${Date.now()}-${message.clinicSlug}-${message.to.replace(/[^a-z0-9@.-]/gi, '_')}.json`;
      await writeFile(path.join(dir, file), JSON.stringify(message, null, 2));
    },
  };
}
