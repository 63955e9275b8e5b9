import type { Prisma, Role } from '@eventora/db';

/** What a validated session tells about its user: no password hash, no PII beyond the basics. */
export interface SessionUser {
  id: string;
  clinicId: string;
  email: string;
  name: string;
  role: Role;
}

export const SESSION_USER_SELECT = {
  id: true,
  clinicId: true,
  email: true,
  name: true,
  role: true,
} satisfies Prisma.UserSelect;

export function toSessionUser(user: SessionUser): SessionUser {
  return { id: user.id, clinicId: user.clinicId, email: user.email, name: user.name, role: user.role };
}
