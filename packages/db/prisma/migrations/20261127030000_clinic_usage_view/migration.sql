-- Figures the platform console shows per clinic, with no patient data in them. The view runs
-- with its caller's rights (security_invoker), so row level security applies as for any query:
-- bound to a clinic it counts that clinic's rows, unbound it counts nothing. The console reads
-- it clinic by clinic through the tenancy library; no role can read it across clinics.
CREATE VIEW "clinic_usage" WITH (security_invoker = true) AS
WITH "rows_per_table" ("table_oid", "rows") AS (
    VALUES
        ('users'::regclass, (SELECT count(*) FROM "users")),
        ('sessions'::regclass, (SELECT count(*) FROM "sessions")),
        ('reservations'::regclass, (SELECT count(*) FROM "reservations")),
        ('user_packages'::regclass, (SELECT count(*) FROM "user_packages")),
        ('audit_logs'::regclass, (SELECT count(*) FROM "audit_logs"))
)
SELECT
    (SELECT count(*) FROM "users") AS "users",
    (SELECT count(*) FROM "users" WHERE "role" = 'CLIENT') AS "clients",
    (SELECT "rows" FROM "rows_per_table" WHERE "table_oid" = 'reservations'::regclass) AS "reservations",
    (SELECT count(*) FROM "reservations"
      WHERE "starts_at" >= now() - interval '30 days' AND "starts_at" < now()
        AND "status" <> 'cancelled') AS "reservations_last_30_days",
    (SELECT count(*) FROM "sessions" WHERE "expires_at" > now()) AS "active_sessions",
    -- The clinic's share of its largest tables: its rows times each table's bytes per row.
    (SELECT coalesce(sum("rows" * pg_total_relation_size("table_oid") / greatest(c."reltuples", "rows", 1)), 0)::bigint
       FROM "rows_per_table" JOIN pg_class c ON c.oid = "table_oid") AS "approximate_bytes";

GRANT SELECT ON "clinic_usage" TO eventora_app;
