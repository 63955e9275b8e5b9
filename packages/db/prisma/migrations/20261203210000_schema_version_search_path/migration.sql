-- eventora_schema_version() is SECURITY DEFINER and the runtime roles may call it; its pinned
-- search_path did not end with pg_temp, so a caller allowed temporary tables could plant a
-- lookalike of `_prisma_migrations` in its own temporary schema (searched first when not
-- listed). The RLS lint flags exactly this; pg_temp last closes it, as for the other definers.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION eventora_schema_version() SET search_path = %I, pg_catalog, pg_temp', current_schema());
END
$$;
