-- The portal's request-stats writer gets a role of its own, eventora_portal_stats, created by
-- bootstrapRoles (packages/db/src/roles.ts) like the other roles. Before, the portal wrote its
-- stats as eventora_platform, which can also start operator sessions and edit the registry; a
-- portal compromise held all of that. This role can add to `api_request_stats` and nothing else.
--
-- The upsert (INSERT ... ON CONFLICT DO UPDATE SET requests = api_request_stats.requests + ...)
-- reads the counts it adds to, which needs SELECT on those columns and on the conflict key:
-- column grants on this one table, no other table, no function, no sequence.

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO eventora_portal_stats', current_schema());
END
$$;

GRANT INSERT ON "api_request_stats" TO eventora_portal_stats;
GRANT UPDATE ("requests", "errors", "server_errors") ON "api_request_stats" TO eventora_portal_stats;
GRANT SELECT ("day", "target_clinic_id", "procedure_kind", "requests", "errors", "server_errors")
    ON "api_request_stats" TO eventora_portal_stats;
