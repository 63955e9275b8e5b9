import type { TenantClient } from '@eventora/tenancy';

/** The client of one interactive transaction on a tenant client. */
export type TenantTransaction = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];

/** A tenant client or a transaction on one. */
export type TenantWriter = TenantClient | TenantTransaction;
