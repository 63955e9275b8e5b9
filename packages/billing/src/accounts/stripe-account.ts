import { z } from 'zod';

/**
 * Which Stripe account takes a clinic's payments. Secrets are only ever named (a reference to
 * a secret the deployment mounts), never stored here or in the registry.
 *
 * - `platform`: the platform's own account (the default, and what runs in development);
 * - `connected`: a Stripe Connect account of the clinic, reached with the platform's keys and
 *   the `Stripe-Account` header; its events arrive at the platform's endpoint with `account`;
 * - `own`: the clinic's own Stripe account and keys; its events arrive at
 *   `/api/stripe/webhook?clinic=<slug>`, signed with that account's endpoint secret.
 */
export type StripeAccountRef =
  | { kind: 'platform' }
  | { kind: 'connected'; accountId: string }
  | { kind: 'own'; secretKeyRef: string; webhookSecretRef: string };

/** Looks up the Stripe account a clinic is billed through. */
export type ClinicAccountDirectory = (clinic: {
  id: string;
  slug: string;
}) => StripeAccountRef | Promise<StripeAccountRef>;

/** Turns a secret's name into the secret (e.g. an environment variable mounted by the deployment). */
export type SecretResolver = (ref: string) => string | Promise<string>;

/** Every clinic on the platform account. */
export const platformOnly: ClinicAccountDirectory = () => ({ kind: 'platform' });

const ZSecretRef = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'A secret reference names an environment variable.');

const ZStripeAccountRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platform') }),
  z.object({ kind: z.literal('connected'), accountId: z.string().regex(/^acct_[A-Za-z0-9]+$/) }),
  z.object({ kind: z.literal('own'), secretKeyRef: ZSecretRef, webhookSecretRef: ZSecretRef }),
]);

/** `{ "<clinic slug>": StripeAccountRef }`, the shape of the STRIPE_CLINIC_ACCOUNTS setting. */
export const ZClinicAccounts = z.record(z.string().min(1).max(63), ZStripeAccountRef);

/**
 * A directory from configuration (`{ "<slug>": StripeAccountRef }`); clinics it does not list
 * are billed through the platform account.
 */
export function staticAccountDirectory(
  accounts: Readonly<Record<string, StripeAccountRef>>,
): ClinicAccountDirectory {
  return (clinic) => accounts[clinic.slug] ?? { kind: 'platform' };
}

/** A resolver over a map of secrets (the process environment); a missing secret throws. */
export function secretResolver(
  secrets: Readonly<Record<string, string | undefined>>,
): SecretResolver {
  return (ref) => {
    const value = secrets[ref];
    if (!value) throw new Error(`The secret ${ref} is not set.`);
    return value;
  };
}
