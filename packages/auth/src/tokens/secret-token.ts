import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 20 random bytes (160 bits), as lucia-auth.com recommends for session tokens. */
export const SECRET_TOKEN_BYTES = 20;

/** 20 bytes are exactly 32 base32 characters; anything else is not one of our tokens. */
const SECRET_TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/**
 * A new secret token (session or password reset): 20 bytes from the platform's CSPRNG, base32
 * lower-case without padding. Handed to its owner once; never stored.
 */
export function generateSecretToken(): string {
  const bytes = new Uint8Array(SECRET_TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The SHA-256 of a token, hex: what the database stores and looks up. A leaked table row does
 * not let anyone present the token, and 160 random bits need no salt or slow hash.
 */
export function hashSecretToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** True when `value` could be a token we issued; lets callers refuse junk before any query. */
export function isSecretTokenShape(value: unknown): value is string {
  return typeof value === 'string' && SECRET_TOKEN_SHAPE.test(value);
}
