import { createHash } from 'node:crypto';

// Fixed namespace for every id the seed makes; changing it changes every seeded id.
const SEED_NAMESPACE = '5d1f6a3e-8c2b-4f0e-9a71-3b6c2e4d8f10';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace + name), so the same key gives
 * the same id on every machine and every run. Seed data only: real rows use uuid(7).
 */
export function uuidV5(name: string, namespace: string = SEED_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`Invalid namespace UUID: ${namespace}`);
  const bytes = createHash('sha1')
    .update(namespaceBytes)
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The seed's id for a named thing, e.g. `seedId('alpha', 'user', 'owner')`. */
export function seedId(...parts: string[]): string {
  return uuidV5(parts.join(':'));
}
