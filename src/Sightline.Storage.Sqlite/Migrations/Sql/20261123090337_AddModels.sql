BEGIN TRANSACTION;
CREATE TABLE "models" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_models" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ModelName" TEXT NOT NULL,
    "MatchPattern" TEXT NOT NULL,
    "StartDate" TEXT NULL,
    "Unit" TEXT NULL,
    "TokenizerId" TEXT NULL,
    "TokenizerConfig" TEXT NULL,
    "PricingTiers" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_models_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_models_ProjectId_ModelName" ON "models" ("ProjectId", "ModelName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123090337_AddModels', '10.0.11');

COMMIT;

