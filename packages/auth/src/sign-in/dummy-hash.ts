import { hashPassword } from '../password';
import { generateSecretToken } from '../tokens/secret-token';

let dummyHash: Promise<string> | undefined;

/**
 * An Argon2id hash (same parameters as real ones) of a random secret nobody knows. Sign-in
 * verifies against it when there is no account or no password, so an unknown email costs the
 * same hashing work as a wrong password and timing does not tell them apart.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(generateSecretToken());
  return dummyHash;
}
