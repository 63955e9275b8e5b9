import { dictionary } from '@zxcvbn-ts/language-common';

import type { FieldIssue } from './errors';

/** NIST SP 800-63B: at least 8; we ask 10. Counted in characters (code points), not bytes. */
export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough to bound hashing work. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordIssueCode = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_COMMON' | 'CONTAINS_PERSONAL_INFO';

export interface PasswordIssue extends FieldIssue {
  readonly field: 'password';
  readonly code: PasswordIssueCode;
}

export type PasswordPolicyResult =
  { ok: true; issues: [] } | { ok: false; issues: PasswordIssue[] };

/**
 * The common-password list of zxcvbn-ts (`@zxcvbn-ts/language-common`, ~49,000 passwords
 * ranked by how often they appear in breach corpora), lower-cased. Built on first use: the
 * package ships it compressed.
 */
let commonPasswords: ReadonlySet<string> | undefined;
function isCommonPassword(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(candidate);
}

/**
 * Checks a new password against the policy: 10 to 128 characters; not a common password, nor
 * a common one with digits or symbols around it ("Password2024!"), nor one or two characters
 * repeated; not containing the account's email name or the person's name. Composition rules
 * (a digit, an upper-case letter) are deliberately absent (NIST SP 800-63B).
 */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string | null; name?: string | null } = {},
): PasswordPolicyResult {
  const issues: PasswordIssue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    issues.push(issue('TOO_SHORT', `Use at least ${PASSWORD_MIN_LENGTH} characters.`));
  }
  if (length > PASSWORD_MAX_LENGTH) {
    issues.push(issue('TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters.`));
  }
  const lower = password.toLowerCase();
  if (isGuessable(lower)) {
    issues.push(
      issue('TOO_COMMON', 'This password is too common and easy to guess. Choose another.'),
    );
  }
  if (containsPersonalInfo(lower, context)) {
    issues.push(
      issue('CONTAINS_PERSONAL_INFO', 'Do not use your name or email address in your password.'),
    );
  }
  return issues.length === 0 ? { ok: true, issues: [] } : { ok: false, issues };
}

function issue(code: PasswordIssueCode, message: string): PasswordIssue {
  return { field: 'password', code, message };
}

function isGuessable(lower: string): boolean {
  if (new Set(lower).size <= 2) return true;
  if (isCommonPassword(lower)) return true;
  // Attackers try list words with digits and symbols added first; so do we.
  const core = lower.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  return core.length >= 4 && core !== lower && isCommonPassword(core);
}

function containsPersonalInfo(
  lower: string,
  { email, name }: { email?: string | null; name?: string | null },
): boolean {
  const parts = [email?.split('@')[0], ...(name?.split(/\s+/) ?? [])];
  return parts.some(
    (part) => part !== undefined && part.length >= 4 && lower.includes(part.toLowerCase()),
  );
}
