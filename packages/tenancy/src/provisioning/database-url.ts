/**
 * Where a database-mode clinic's URL comes from. The registry stores a reference, never the
 * URL: `database:<name>` means "a database of that name on the shared server, reached with the
 * shared runtime credentials"; any other reference names an environment variable (a secret
 * mounted by the deployment) holding the full URL.
 */
export const SAME_SERVER_PREFIX = 'database:';

export function sameServerRef(databaseName: string): string {
  return `${SAME_SERVER_PREFIX}${databaseName}`;
}

/** The database name of a same-server reference, or undefined for a secret's name. */
export function sameServerDatabase(ref: string | null): string | undefined {
  return ref?.startsWith(SAME_SERVER_PREFIX) ? ref.slice(SAME_SERVER_PREFIX.length) : undefined;
}

/** Builds the resolver a TenantRouter needs, for the runtime role's shared-database URL. */
export function databaseUrlResolver(
  sharedUrl: string,
  secrets: Record<string, string | undefined> | ((name: string) => string | undefined),
): (ref: string) => string {
  const secret = typeof secrets === 'function' ? secrets : (name: string) => secrets[name];
  return (ref) => {
    const database = sameServerDatabase(ref);
    if (database) return withDatabase(sharedUrl, database);
    const url = secret(ref);
    if (!url) throw new Error(`The database URL secret ${ref} is not set.`);
    return url;
  };
}

/**
 * The owner role's URL of a database-mode clinic's database: on the shared server the owner's
 * own URL with the clinic's database; otherwise the secret `<ref>_OWNER` (the move engine's
 * convention: `<ref>` holds the runtime role's URL, `<ref>_OWNER` the owner's).
 */
export function ownerDatabaseUrlResolver(
  ownerUrl: string,
  secrets: (name: string) => string | undefined,
): (ref: string) => string {
  return (ref) => {
    const database = sameServerDatabase(ref);
    if (database) return withDatabase(ownerUrl, database);
    const url = secrets(`${ref}_OWNER`);
    if (!url) throw new Error(`the owner URL secret ${ref}_OWNER is not set`);
    if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol))
      throw new Error(`the owner URL secret ${ref}_OWNER is not a postgresql:// URL`);
    return url;
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
