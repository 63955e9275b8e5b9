-- Per-clinic backups (@eventora/tenancy backups/): each is a signed clinic archive in a backup
-- store (a directory or an S3-compatible bucket), recorded here when it was verified and
-- uploaded. Control plane, not tenant data: the clinic is named by `target_clinic_id` (a
-- `clinic_id` column would make it a tenant table to the RLS lint, the tenancy client and the
-- archive itself). No foreign key, as tenant_moves: the record outlives a purged clinic until
-- its retention prunes it.
--
-- Like every migration it runs unchanged against every target; in a clinic schema or database
-- the table stays empty.

-- How long a clinic's backups are kept; enterprise clinics get longer. The newest verified
-- backup is kept whatever its age.
ALTER TABLE "clinics" ADD COLUMN "backup_retention_days" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "clinics"
    ADD CONSTRAINT "clinics_backup_retention_days" CHECK ("backup_retention_days" BETWEEN 1 AND 3650);

-- CreateTable
CREATE TABLE "clinic_backups" (
    "id" UUID NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "key" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "bytes" BIGINT NOT NULL,
    "rows" BIGINT NOT NULL,
    "tables" INTEGER NOT NULL,
    "migration" VARCHAR(255) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "sha256" CHAR(64) NOT NULL,

    CONSTRAINT "clinic_backups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clinic_backups_key_key" ON "clinic_backups"("key");

-- CreateIndex
CREATE INDEX "clinic_backups_target_clinic_id_created_at_idx" ON "clinic_backups"("target_clinic_id", "created_at");

-- The console lists a clinic's backups; backups are taken, pruned and restored by the worker
-- and the CLI as the owner role (they read every table of the clinic).
GRANT SELECT ON "clinic_backups" TO eventora_platform;
