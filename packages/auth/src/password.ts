import { hash, verify } from '@node-rs/argon2';
import type { Algorithm, Options } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum, which isolatedModules cannot read at runtime; the
// annotation still makes the compiler check that 2 is Argon2id.
const ARGON2ID: Algorithm.Argon2id = 2;

/**
 * OWASP Password Storage Cheat Sheet, first Argon2id option: 19 MiB of memory, 2 passes,
 * 1 lane. The parameters are written into every hash (PHC string), so raising them later
 * leaves existing hashes verifiable.
 */
const ARGON2ID_OWASP: Options = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/**
 * Hashes a password with Argon2id (OWASP parameters) and a fresh random salt. Returns a PHC
 * string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), safe to store as is.
 */
export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON2ID_OWASP);
}

/**
 * Checks a password against a stored PHC hash in constant time. Answers `false`, never
 * throws, when the stored hash is malformed: a broken row must not become a way in.
 */
export async function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  }
}
