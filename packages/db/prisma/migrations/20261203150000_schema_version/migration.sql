-- The newest migration this target has applied, for the apps' readiness probe (/readyz): the
-- runtime and platform roles may call it, and still read nothing of the ledger itself (the
-- RLS lint forbids them any privilege on _prisma_migrations).
CREATE FUNCTION "eventora_schema_version"() RETURNS TEXT
    LANGUAGE sql STABLE SECURITY DEFINER
AS $$
    SELECT max(migration_name) FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
$$;

-- Pinned to this target's schema (the shared one or a clinic's own), whoever calls it.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION eventora_schema_version() SET search_path = %I, pg_catalog', current_schema());
END
$$;

REVOKE ALL ON FUNCTION "eventora_schema_version"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "eventora_schema_version"() TO eventora_app, eventora_platform;
