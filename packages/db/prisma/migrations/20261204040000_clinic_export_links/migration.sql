-- The owner's download link for a closed clinic's final export (@eventora/tenancy
-- offboarding/export-links.ts). The link itself is the credential (the clinic's portal is off):
-- only the SHA-256 of its random token is kept, with the clinic, the backup it serves, its expiry
-- and how often it was used. Control plane, not tenant data (`target_clinic_id`, like
-- clinic_backups): the purge removes a clinic's links with its other control-plane rows.
-- Created, read and counted by the console as the owner role, so no runtime role is granted
-- anything.
--
-- Like every migration it runs unchanged against every target; in a clinic schema or database
-- the table stays empty.

-- CreateTable
CREATE TABLE "clinic_export_links" (
    "id" UUID NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "token_sha256" CHAR(64) NOT NULL,
    "backup_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "operator_id" UUID,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "last_downloaded_at" TIMESTAMPTZ(3),

    CONSTRAINT "clinic_export_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clinic_export_links_token_sha256_key" ON "clinic_export_links"("token_sha256");

-- CreateIndex
CREATE INDEX "clinic_export_links_target_clinic_id_created_at_idx" ON "clinic_export_links"("target_clinic_id", "created_at");
