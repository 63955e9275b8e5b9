// The scripts' configuration, read and checked in one place.

/** The owner role's URL (it owns the tables and runs migrations); fails with a clear message. */
export function databaseOwnerUrl(): string {
  const value = process.env.DATABASE_OWNER_URL;
  if (!value) {
    throw new Error(
      "DATABASE_OWNER_URL is not set. It is the owner role's URL, e.g. " +
        'postgresql://eventora_owner:…@localhost:5432/eventora.',
    );
  }
  if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
    throw new Error('DATABASE_OWNER_URL is not a postgresql:// URL.');
  }
  return value;
}
