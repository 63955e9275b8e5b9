import { describe, expect, it } from 'vitest';

import { seedId, uuidV5 } from './ids';

describe('uuidV5', () => {
  it('matches RFC 9562 version 5 (same answer as Python uuid.uuid5)', () => {
    const dnsNamespace = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidV5('python.org', dnsNamespace)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('gives the same id for the same key and different ids for different keys', () => {
    expect(seedId('alpha', 'user', 'owner')).toBe(seedId('alpha', 'user', 'owner'));
    expect(seedId('alpha', 'user', 'owner')).not.toBe(seedId('beta', 'user', 'owner'));
    expect(seedId('alpha', 'user', 'owner')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
