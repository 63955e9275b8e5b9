-- A move records the registered database server on each side (issue 17: server-to-server
-- moves): the flip sets clinics.database_server with the route, and a rollback sets it back.
-- Null: the shared server (or a database no server registry entry names). No new grant: the
-- console reads tenant_moves whole already.
ALTER TABLE "tenant_moves"
    ADD COLUMN "from_database_server" VARCHAR(63),
    ADD COLUMN "to_database_server" VARCHAR(63);
