import { z } from 'zod';

import type { ApiServices } from '../../../services';
import { grantState, type GrantRow } from './grant';

const ZGrantState = z.enum(['active', 'expired', 'closed']);
export const ZGrant = z.object({
  id: z.uuid(),
  clinic: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  operator: z.object({ id: z.uuid(), email: z.string() }),
  mine: z.boolean(),
  reason: z.string(),
  readOnly: z.literal(true),
  state: ZGrantState,
  createdAt: z.date(),
  expiresAt: z.date(),
  closedAt: z.date().nullable(),
});
type Grant = z.infer<typeof ZGrant>;

/** `maria.lopez@example.com` → `m••••@example.com`: enough to match a support ticket. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '••••';
  return `${email[0]}••••${email.slice(at)}`;
}

/** Grant rows as the console shows them: the clinic and operator by name, and the state now. */
export async function describeGrants(
  ctx: { services: ApiServices; operator: { id: string } },
  rows: GrantRow[],
): Promise<Grant[]> {
  const clinicIds = [...new Set(rows.map((row) => row.targetClinicId))];
  const operatorIds = [...new Set(rows.map((row) => row.operatorId))];
  const [clinics, operators] = await Promise.all([
    ctx.services.platform.clinic.findMany({
      where: { id: { in: clinicIds } },
      select: { id: true, slug: true, name: true },
    }),
    ctx.services.platform.platformOperator.findMany({
      where: { id: { in: operatorIds } },
      select: { id: true, email: true },
    }),
  ]);
  const clinicById = new Map(clinics.map((clinic) => [clinic.id, clinic]));
  const operatorById = new Map(operators.map((operator) => [operator.id, operator]));
  const now = ctx.services.now();
  return rows.map((row) => ({
    id: row.id,
    clinic: clinicById.get(row.targetClinicId) ?? {
      id: row.targetClinicId,
      slug: '(discarded)',
      name: '(discarded clinic)',
    },
    operator: operatorById.get(row.operatorId) ?? { id: row.operatorId, email: '(unknown)' },
    mine: row.operatorId === ctx.operator.id,
    reason: row.reason,
    readOnly: true as const,
    state: grantState(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    closedAt: row.closedAt,
  }));
}
