-- eventora_schema_version() runs as the owner (SECURITY DEFINER): its search_path must end with
-- pg_temp, or a caller allowed temporary tables could plant a `_prisma_migrations` lookalike
-- that pg_temp (searched first when not named) would put ahead of the real one. The RLS lint
-- flags exactly this (rule security-definer-search-path).
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION eventora_schema_version() SET search_path = %I, pg_catalog, pg_temp', current_schema());
END
$$;
