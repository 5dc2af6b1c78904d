BEGIN TRANSACTION;
CREATE TABLE "score_configs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_score_configs" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "DataType" TEXT NOT NULL,
    "IsArchived" INTEGER NOT NULL,
    "MinValue" REAL NULL,
    "MaxValue" REAL NULL,
    "Categories" TEXT NULL,
    "Description" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_score_configs_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_score_configs_ProjectId_CreatedAt" ON "score_configs" ("ProjectId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123142903_AddScoreConfigs', '10.0.11');

COMMIT;

