BEGIN TRANSACTION;
CREATE TABLE "media" (
    "ProjectId" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "Sha256Hash" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "ContentLength" INTEGER NOT NULL,
    "StorageBucket" TEXT NOT NULL,
    "StorageKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UploadedAt" TEXT NULL,
    "UploadHttpStatus" INTEGER NULL,
    "UploadHttpError" TEXT NULL,
    CONSTRAINT "PK_media" PRIMARY KEY ("ProjectId", "Id"),
    CONSTRAINT "FK_media_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "media_links" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_media_links" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "MediaId" TEXT NOT NULL,
    "TraceId" TEXT NULL,
    "ObservationId" TEXT NULL,
    "DatasetId" TEXT NULL,
    "DatasetItemId" TEXT NULL,
    "Field" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_media_links_media_ProjectId_MediaId" FOREIGN KEY ("ProjectId", "MediaId") REFERENCES "media" ("ProjectId", "Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_media_ProjectId_Sha256Hash" ON "media" ("ProjectId", "Sha256Hash");

CREATE INDEX "IX_media_links_ProjectId_DatasetItemId" ON "media_links" ("ProjectId", "DatasetItemId");

CREATE INDEX "IX_media_links_ProjectId_MediaId" ON "media_links" ("ProjectId", "MediaId");

CREATE INDEX "IX_media_links_ProjectId_TraceId" ON "media_links" ("ProjectId", "TraceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123110617_AddMedia', '10.0.11');

COMMIT;

