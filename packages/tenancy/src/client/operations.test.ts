import { describe, expect, it } from 'vitest';

import { READ_OPERATIONS } from './operations';
import { scopeArgs } from './scope-args';

const A = '0195f1a0-0000-7000-8000-00000000000a';

describe('the read operations', () => {
  it('are the Prisma operations that only read, and no write', () => {
    expect([...READ_OPERATIONS].sort()).toEqual(
      [
        'aggregate',
        'count',
        'findFirst',
        'findFirstOrThrow',
        'findMany',
        'findUnique',
        'findUniqueOrThrow',
        'groupBy',
      ].sort(),
    );
    for (const write of [
      'create',
      'createMany',
      'update',
      'updateMany',
      'upsert',
      'delete',
      'deleteMany',
    ]) {
      expect(READ_OPERATIONS.has(write)).toBe(false);
    }
  });

  it('each read only the bound clinic’s rows', () => {
    for (const operation of READ_OPERATIONS) {
      expect(scopeArgs('Branch', operation, { where: { name: 'x' } }, A).where).toEqual({
        name: 'x',
        clinicId: A,
      });
    }
  });
});
