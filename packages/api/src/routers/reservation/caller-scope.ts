import { TRPCError } from '@trpc/server';
import { isStaffRole, type SessionUser } from '@eventora/auth';
import type { Prisma } from '@eventora/tenancy';

import { AppError } from '../../errors/app-error';
import { FieldErrors } from '../../errors/to-trpc-error';

type Caller = Pick<SessionUser, 'id' | 'role'>;

/**
 * The reservations a caller may see: staff all of the clinic's, a therapist their own
 * sessions, a client their own bookings. Anything else answers NOT_FOUND, like a missing id.
 */
export function visibleReservations(user: Caller): Prisma.ReservationWhereInput {
  switch (user.role) {
    case 'OWNER':
    case 'STAFF':
      return {};
    case 'THERAPIST':
      return { therapist: { userId: user.id } };
    case 'CLIENT':
      return { clientId: user.id };
  }
}

/**
 * Who a booking is for: a client books for themselves, staff for the client they name.
 * Therapists' logins do not book or change bookings (FORBIDDEN: a role question, asked
 * before any lookup, so it tells nothing about ids).
 */
export function bookingClientId(user: Caller, clientId: string | undefined): string {
  if (user.role === 'CLIENT') {
    if (clientId !== undefined && clientId !== user.id) {
      throw new AppError('FORBIDDEN', 'Clients book for themselves only.');
    }
    return user.id;
  }
  requireBookingRole(user);
  if (clientId === undefined) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Choose the client to book for.',
      cause: new FieldErrors([{ field: 'clientId', message: 'Required when staff book.' }]),
    });
  }
  return clientId;
}

/** Clients (their own reservations) and staff change bookings; therapists' logins do not. */
export function requireBookingRole(user: Caller): void {
  if (user.role !== 'CLIENT' && !isStaffRole(user.role)) {
    throw new AppError('FORBIDDEN', 'Your role at this clinic does not allow this.');
  }
}
