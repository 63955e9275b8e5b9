import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { verifyAuditChain } from '../../audit/verify-audit-chain';
import { ownerProcedure } from '../../trpc';
import { ZAuditListInput, ZAuditVerifyInput, ZSeq } from '../../schemas/audit';

const auditSelect = {
  id: true,
  seq: true,
  actorType: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  ip: true,
  reason: true,
  metadata: true,
  createdAt: true,
  hash: true,
} satisfies Prisma.AuditLogSelect;

export const ZAuditEntry = z.object({
  id: z.uuid(),
  seq: ZSeq,
  actorType: z.enum(['user', 'platform', 'system']),
  actorId: z.uuid().nullable(),
  /** The acting user's name, when the actor is a user of this clinic. */
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
  metadata: z.unknown(),
  createdAt: z.date(),
  hash: z.string(),
});

const ZHead = z.object({ seq: ZSeq, hash: z.string() });
export const ZVerifyAuditOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number(), head: ZHead.nullable() }),
  z.object({
    ok: z.literal(false),
    entries: z.number(),
    brokenSeq: ZSeq,
    problem: z.enum(['edited', 'missing', 'reordered']),
    detail: z.string(),
  }),
]);

export const auditRouter = {
  /** The clinic's audit log, newest first, filtered and cursor-paginated. */
  list: ownerProcedure
    .input(ZAuditListInput)
    .output(z.object({ items: z.array(ZAuditEntry), nextCursor: ZSeq.nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.auditLog.findMany({
        where: {
          ...(input.action ? { action: input.action } : {}),
          ...(input.actorId ? { actorId: input.actorId } : {}),
          ...(input.from || input.to
            ? {
                createdAt: {
                  ...(input.from && { gte: input.from }),
                  ...(input.to && { lte: input.to }),
                },
              }
            : {}),
          ...(input.cursor ? { seq: { lt: BigInt(input.cursor) } } : {}),
        },
        select: auditSelect,
        orderBy: { seq: 'desc' },
        take: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      const actorIds = [
        ...new Set(
          page.flatMap((row) => (row.actorType === 'user' && row.actorId ? [row.actorId] : [])),
        ),
      ];
      const actors = actorIds.length
        ? await ctx.db.user.findMany({
            where: { id: { in: actorIds } },
            select: { id: true, name: true },
          })
        : [];
      const names = new Map(actors.map((actor) => [actor.id, actor.name]));
      return {
        items: page.map((row) => ({
          ...row,
          seq: row.seq.toString(),
          actorName: (row.actorType === 'user' && row.actorId && names.get(row.actorId)) || null,
        })),
        nextCursor: rows.length > input.limit ? page.at(-1)!.seq.toString() : null,
      };
    }),

  /** Recomputes the clinic's hash chain: ok with its head, or the first broken entry and why. */
  verify: ownerProcedure
    .input(ZAuditVerifyInput)
    .output(ZVerifyAuditOutput)
    .query(({ ctx, input }) => verifyAuditChain(ctx.db, ctx.clinic.id, input.knownHead)),
} satisfies TRPCRouterRecord;
