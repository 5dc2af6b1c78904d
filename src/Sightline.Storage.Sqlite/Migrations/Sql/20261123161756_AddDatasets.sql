BEGIN TRANSACTION;
CREATE TABLE "datasets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_datasets" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Metadata" TEXT NULL,
    "InputSchema" TEXT NULL,
    "ExpectedOutputSchema" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_datasets_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "dataset_items" (
    "RowId" TEXT NOT NULL CONSTRAINT "PK_dataset_items" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "DatasetId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Input" TEXT NULL,
    "ExpectedOutput" TEXT NULL,
    "Metadata" TEXT NULL,
    "SourceTraceId" TEXT NULL,
    "SourceObservationId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ValidFrom" TEXT NOT NULL,
    "ValidTo" TEXT NULL,
    CONSTRAINT "FK_dataset_items_datasets_DatasetId" FOREIGN KEY ("DatasetId") REFERENCES "datasets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "dataset_runs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_dataset_runs" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "DatasetId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Metadata" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_dataset_runs_datasets_DatasetId" FOREIGN KEY ("DatasetId") REFERENCES "datasets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_dataset_items_DatasetId_ValidTo_CreatedAt" ON "dataset_items" ("DatasetId", "ValidTo", "CreatedAt");

CREATE INDEX "IX_dataset_items_ProjectId_Id_ValidFrom" ON "dataset_items" ("ProjectId", "Id", "ValidFrom");

CREATE INDEX "IX_dataset_items_ProjectId_SourceTraceId" ON "dataset_items" ("ProjectId", "SourceTraceId");

CREATE UNIQUE INDEX "IX_dataset_items_current" ON "dataset_items" ("ProjectId", "Id") WHERE "ValidTo" IS NULL;

CREATE UNIQUE INDEX "IX_dataset_runs_DatasetId_Name" ON "dataset_runs" ("DatasetId", "Name");

CREATE INDEX "IX_dataset_runs_ProjectId_DatasetId_CreatedAt" ON "dataset_runs" ("ProjectId", "DatasetId", "CreatedAt");

CREATE INDEX "IX_datasets_ProjectId_CreatedAt" ON "datasets" ("ProjectId", "CreatedAt");

CREATE UNIQUE INDEX "IX_datasets_ProjectId_Name" ON "datasets" ("ProjectId", "Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123161756_AddDatasets', '10.0.11');

COMMIT;

