import type { TenantRouter } from '@eventora/tenancy';

import type { BillingProvider } from '../providers/billing-provider';
import { createStripeProvider, type StripeApiLocation } from '../providers/stripe-provider';
import type { ClinicAccountDirectory, SecretResolver, StripeAccountRef } from './stripe-account';

/** What a webhook request is verified with, and who may send events through it. */
export interface WebhookEndpoint {
  /** Endpoint signing secrets accepted (an account's endpoint and its Connect endpoint). */
  secrets: readonly string[];
  /** Set for a clinic's own-account endpoint (`?clinic=<slug>`): only its events belong here. */
  ownerClinicId: string | null;
  /** The provider that can answer lookups for an event of this endpoint. */
  providerForEvent(eventAccount: string | null): BillingProvider;
}

/** Which account and provider bill a clinic, and which endpoint a webhook came to. */
export interface AccountRouting {
  accountOf(clinic: { id: string; slug: string }): Promise<StripeAccountRef>;
  providerFor(clinic: { id: string; slug: string }): Promise<BillingProvider>;
  /** The platform endpoint (`clinicSlug` null) or a clinic's own; null when there is none. */
  endpoint(clinicSlug: string | null): Promise<WebhookEndpoint | null>;
}

export interface StripeAccountsOptions {
  tenants: TenantRouter;
  /** The platform account's secret key. */
  secretKey: string;
  /** The platform account's endpoint secrets (account endpoint, and Connect endpoint if any). */
  webhookSecrets: readonly string[];
  api?: StripeApiLocation;
  directory: ClinicAccountDirectory;
  resolveSecret: SecretResolver;
}

/** Routing for real Stripe: the platform account, Connect accounts and clinics' own accounts. */
export function stripeAccountRouting(options: StripeAccountsOptions): AccountRouting {
  const platform = createStripeProvider({ secretKey: options.secretKey, api: options.api });
  const connected = new Map<string, BillingProvider>();
  const onConnected = (accountId: string) => {
    let provider = connected.get(accountId);
    if (!provider) {
      provider = createStripeProvider({
        secretKey: options.secretKey,
        api: options.api,
        stripeAccount: accountId,
      });
      connected.set(accountId, provider);
    }
    return provider;
  };
  // Own keys are resolved on every use, so a rotated secret takes effect without a restart.
  const ownProvider = async (ref: Extract<StripeAccountRef, { kind: 'own' }>) =>
    createStripeProvider({
      secretKey: await options.resolveSecret(ref.secretKeyRef),
      api: options.api,
    });

  const accountOf = async (clinic: { id: string; slug: string }) => options.directory(clinic);

  return {
    accountOf,
    async providerFor(clinic) {
      const account = await accountOf(clinic);
      switch (account.kind) {
        case 'platform':
          return platform;
        case 'connected':
          return onConnected(account.accountId);
        case 'own':
          return ownProvider(account);
      }
    },
    async endpoint(clinicSlug) {
      if (clinicSlug === null) {
        return {
          secrets: options.webhookSecrets,
          ownerClinicId: null,
          providerForEvent: (eventAccount) => (eventAccount ? onConnected(eventAccount) : platform),
        };
      }
      const { clinic } = await options.tenants.resolve(clinicSlug);
      const account = await accountOf(clinic);
      if (account.kind !== 'own') return null;
      const provider = await ownProvider(account);
      return {
        secrets: [await options.resolveSecret(account.webhookSecretRef)],
        ownerClinicId: clinic.id,
        providerForEvent: () => provider,
      };
    },
  };
}

/** Routing without Stripe: every clinic on the one simulated provider and its one secret. */
export function simulatedAccountRouting(
  provider: BillingProvider,
  webhookSecret: string,
): AccountRouting {
  return {
    accountOf: async () => ({ kind: 'platform' }),
    providerFor: async () => provider,
    endpoint: async (clinicSlug) =>
      clinicSlug === null
        ? { secrets: [webhookSecret], ownerClinicId: null, providerForEvent: () => provider }
        : null,
  };
}

/** Why the clinic's account does not match the endpoint and account the event came through. */
export function accountDisagreement(
  account: StripeAccountRef,
  endpoint: Pick<WebhookEndpoint, 'ownerClinicId'>,
  clinicId: string,
  eventAccount: string | null,
): string | null {
  if (endpoint.ownerClinicId !== null) {
    return account.kind === 'own' && endpoint.ownerClinicId === clinicId && !eventAccount
      ? null
      : 'account';
  }
  if (eventAccount) {
    return account.kind === 'connected' && account.accountId === eventAccount ? null : 'account';
  }
  return account.kind === 'platform' ? null : 'account';
}
