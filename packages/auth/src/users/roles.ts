import type { Role } from '@eventora/db';

/** The roles that run a clinic: they see and change every client's bookings and the catalog. */
export const STAFF_ROLES = ['OWNER', 'STAFF'] as const satisfies readonly Role[];

/**
 * Whether a clinic user runs the clinic (owner or staff), as opposed to a therapist or a client.
 * The one staff check: procedures (`staffProcedure`), routers that widen what staff see, and the
 * portal's pages. Client-safe (`@eventora/auth/roles`): no server code.
 */
export function isStaffRole(role: Role): boolean {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}
