import type { Prisma, Role } from '@eventora/db';

/** What a validated session tells about its user: no password hash, no PII beyond the basics. */
export interface SessionUser {
  id: string;
  clinicId: string;
  email: string;
  name: string;
  role: Role;
}

/** The columns behind SessionUser: an explicit select, so nothing else leaks by accident. */
export const SESSION_USER_SELECT = {
  id: true,
  clinicId: true,
  email: true,
  name: true,
  role: true,
} satisfies Prisma.UserSelect;

/** Copies exactly the SessionUser fields (drops password hash and flags a query carried). */
export function toSessionUser(user: SessionUser): SessionUser {
  return {
    id: user.id,
    clinicId: user.clinicId,
    email: user.email,
    name: user.name,
    role: user.role,
  };
}
