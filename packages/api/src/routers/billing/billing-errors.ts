import { TRPCError } from '@trpc/server';
import type { BillingError, BillingService } from '@eventora/billing';

import { AppError } from '../../errors/app-error';
import type { ApiServices } from '../../services';

/**
 * Billing's refusals as API errors. Stripe being unreachable is the one case AppError has no
 * code for: BAD_GATEWAY, with Stripe's own error as the cause, which the call's log line
 * carries (request/observe-call.ts) and the client never sees.
 */
export function fromBillingError(error: BillingError): Error {
  switch (error.code) {
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'UNPROCESSABLE':
      return new AppError(error.code, error.message);
    case 'PROVIDER_UNAVAILABLE':
      return new TRPCError({ code: 'BAD_GATEWAY', message: error.message, cause: error.cause });
  }
}

/** The process's billing service; a process without one (the console) refuses billing calls. */
export function billingOf(services: ApiServices): BillingService {
  if (!services.billing) throw new AppError('UNPROCESSABLE', 'Payments are not set up here.');
  return services.billing;
}
