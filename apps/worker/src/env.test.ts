import { describe, expect, it } from 'vitest';

import { parseWorkerEnv } from './env';

const base = {
  DATABASE_URL: 'postgresql://eventora_app:secret-app@db:5432/eventora',
  DATABASE_PLATFORM_URL: 'postgresql://eventora_platform:secret-platform@db:5432/eventora',
};

describe('the worker configuration', () => {
  it('refuses to start in production without SMTP_URL, naming it and no secret', () => {
    const attempt = () =>
      parseWorkerEnv({ ...base, NODE_ENV: 'production', MAIL_LINK_SECRET: 'a-long-enough-secret' });
    expect(attempt).toThrow(/SMTP_URL: Required in production/);
    expect(attempt).not.toThrow(/secret-app|secret-platform/);
  });

  it('starts in production with SMTP_URL and a link secret; in development without them', () => {
    expect(
      parseWorkerEnv({
        ...base,
        NODE_ENV: 'production',
        SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
        MAIL_LINK_SECRET: 'a-long-enough-secret',
      }).SMTP_URL,
    ).toBe('smtps://user:pass@smtp.example.com:465');
    expect(parseWorkerEnv(base).SMTP_URL).toBeUndefined();
  });

  it('refuses an SMTP_URL that is not smtp or smtps', () => {
    expect(() => parseWorkerEnv({ ...base, SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL/,
    );
  });

  it('takes backups only with BACKUP_STORE, and then refuses to start without the owner URL and signing key', () => {
    expect(parseWorkerEnv(base).BACKUP_STORE).toBeUndefined();
    const attempt = () => parseWorkerEnv({ ...base, BACKUP_STORE: 's3://backups/eventora' });
    expect(attempt).toThrow(/DATABASE_OWNER_URL: Required with BACKUP_STORE/);
    expect(attempt).toThrow(/ARCHIVE_SIGNING_KEY: Required with BACKUP_STORE/);
    expect(() =>
      parseWorkerEnv({
        ...base,
        BACKUP_STORE: '/srv/backups',
        DATABASE_OWNER_URL: 'postgresql://eventora_owner:o@db:5432/eventora',
        ARCHIVE_SIGNING_KEY: 'short',
      }),
    ).toThrow(/ARCHIVE_SIGNING_KEY/);
  });
});
