import { afterAll, describe, expect, it, vi } from 'vitest';

import { createApiServices } from './create-api-services';
import { readConsoleEnv, readPortalEnv } from './env/index';
import { DEVELOPMENT_MAIL_LINK_SECRET } from './jobs/unsubscribe-token';
import type { ApiServices } from './services';

// Nothing connects until a query runs: these build the services and close their pools unused.
const URL = 'postgresql://nobody@127.0.0.1:1/none';
const built: ApiServices[] = [];

function build(config: Parameters<typeof createApiServices>[0]): ApiServices {
  const services = createApiServices(config);
  built.push(services);
  return services;
}

afterAll(async () => {
  for (const services of built) {
    await services.tenants.close();
    await services.platform.$disconnect();
    await services.platformWriter?.close();
    await services.jobQueue?.end();
  }
});

describe('readPortalEnv / readConsoleEnv', () => {
  it('names every missing or malformed variable and none of the values', () => {
    expect(() => readPortalEnv({ DATABASE_URL: 'not a url secret-value' })).toThrow(
      /^Invalid portal configuration: DATABASE_URL, DATABASE_PORTAL_STATS_URL\./,
    );
    expect(() => readPortalEnv({ DATABASE_URL: 'not a url secret-value' })).not.toThrow(
      /secret-value/,
    );
    expect(() => readConsoleEnv({ DATABASE_URL: URL })).toThrow(
      /^Invalid console configuration: DATABASE_PLATFORM_URL\./,
    );
  });

  it('refuses a Stripe key without its webhook secret', () => {
    expect(() =>
      readPortalEnv({
        DATABASE_URL: URL,
        DATABASE_PORTAL_STATS_URL: URL,
        STRIPE_SECRET_KEY: 'sk_test_abc',
      }),
    ).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});

describe('createApiServices', () => {
  it('the portal: simulated billing, a rate limiter and the development link secret outside production', () => {
    const env = readPortalEnv({ DATABASE_URL: URL, DATABASE_PORTAL_STATS_URL: URL });
    const services = build({ app: 'portal', env, secrets: {} });
    expect(services.billing).toBeDefined();
    expect(services.rateLimiter).toBeDefined();
    expect(services.mailLinkSecret).toBe(DEVELOPMENT_MAIL_LINK_SECRET);
    expect(services.platformWriter).toBeUndefined();
    expect(services.provisioning).toBeUndefined();
    expect(services.portalUrl('alpha')).toBe('http://alpha.localhost:3000');
  });

  it('the portal in production without Stripe keys: billing off, no unsubscribe secret, and the operator is told', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const env = readPortalEnv({
      DATABASE_URL: URL,
      DATABASE_PORTAL_STATS_URL: URL,
      NODE_ENV: 'production',
      ROOT_DOMAIN: 'eventora.app',
    });
    const services = build({ app: 'portal', env, secrets: {} });
    expect(services.billing).toBeUndefined();
    expect(services.mailLinkSecret).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('[billing] STRIPE_SECRET_KEY is not set: payments are off.');
    warn.mockRestore();
  });

  it('the console: platform writer and job queue; onboarding and moves only with the owner URL', () => {
    const without = build({
      app: 'console',
      env: readConsoleEnv({ DATABASE_URL: URL, DATABASE_PLATFORM_URL: URL }),
      secrets: {},
    });
    expect(without.platformWriter).toBeDefined();
    expect(without.jobQueue).toBeDefined();
    expect(without.billing).toBeUndefined();
    expect(without.provisioning).toBeUndefined();
    expect(without.moves).toBeUndefined();
    expect(without.backups).toEqual({
      configured: false,
      missing: [
        'DATABASE_OWNER_URL',
        'ARCHIVE_SIGNING_KEY (32 characters at least)',
        'BACKUP_STORE',
      ],
    });

    const withOwner = build({
      app: 'console',
      env: readConsoleEnv({
        DATABASE_URL: URL,
        DATABASE_PLATFORM_URL: URL,
        DATABASE_OWNER_URL: URL,
      }),
      secrets: { DATABASE_URL_FAR: 'postgresql://far' },
    });
    expect(withOwner.provisioning?.ownerUrl).toBe(URL);
    expect(withOwner.moves?.secrets?.('DATABASE_URL_FAR')).toBe('postgresql://far');
  });
});
