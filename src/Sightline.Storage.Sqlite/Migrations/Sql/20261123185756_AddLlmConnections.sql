BEGIN TRANSACTION;
CREATE TABLE "llm_connections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_llm_connections" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Adapter" TEXT NOT NULL,
    "SecretKey" TEXT NOT NULL,
    "DisplaySecretKey" TEXT NOT NULL,
    "BaseUrl" TEXT NULL,
    "CustomModels" TEXT NOT NULL,
    "WithDefaultModels" INTEGER NOT NULL,
    "ExtraHeaders" TEXT NULL,
    "ExtraHeaderKeys" TEXT NOT NULL,
    "Config" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_llm_connections_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_llm_connections_ProjectId_CreatedAt" ON "llm_connections" ("ProjectId", "CreatedAt");

CREATE UNIQUE INDEX "IX_llm_connections_ProjectId_Provider" ON "llm_connections" ("ProjectId", "Provider");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123185756_AddLlmConnections', '10.0.11');

COMMIT;

