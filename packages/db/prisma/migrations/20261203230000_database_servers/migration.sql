-- Database servers as a registry resource (issue 17): the PostgreSQL servers that hold
-- database-mode clinics besides the shared one. Control plane: no clinic_id, no tenant rows.
--
-- url_ref names a secret (never the URL): it holds the owner role's URL of that server, with
-- which provisioning creates and migrates a clinic's database there. capacity is the number of
-- clinic databases the server may hold; placement picks, among the open servers of a region
-- under capacity, the one with the most room left (packages/tenancy/src/provisioning/
-- database-servers.ts). draining: keeps its clinics, takes no new one; closed: takes none and
-- should hold none.
CREATE TYPE "DatabaseServerState" AS ENUM ('open', 'draining', 'closed');

CREATE TABLE "database_servers" (
    "name"       VARCHAR(63) NOT NULL,
    "url_ref"    VARCHAR(200) NOT NULL,
    "region"     VARCHAR(64) NOT NULL DEFAULT 'default',
    "capacity"   INTEGER NOT NULL,
    "state"      "DatabaseServerState" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "database_servers_pkey" PRIMARY KEY ("name"),
    CONSTRAINT "database_servers_name_format" CHECK ("name" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    CONSTRAINT "database_servers_url_ref_format" CHECK ("url_ref" ~ '^[A-Z][A-Z0-9_]*$'),
    CONSTRAINT "database_servers_capacity_positive" CHECK ("capacity" > 0)
);

-- The server a database-mode clinic's database was placed on (null: the shared server).
ALTER TABLE "clinics" ADD COLUMN "database_server" VARCHAR(63);
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_database_server_fkey"
    FOREIGN KEY ("database_server") REFERENCES "database_servers"("name")
    ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "clinics_database_server_idx" ON "clinics"("database_server");

-- The console lists the servers with their clinics; only the owner role changes them.
GRANT SELECT ON "database_servers" TO eventora_platform;
