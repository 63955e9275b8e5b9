/**
 * The Prisma model operations that only read. The tenant client scopes them like every other
 * operation; read-only platform access allows these and nothing else (tenant-client.ts), and
 * scope-args.ts adds the clinic filter to them and to the writes that take a filter.
 */
export const READ_OPERATIONS: ReadonlySet<string> = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
]);
