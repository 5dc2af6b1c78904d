CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "organizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organizations" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Metadata" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "Email" TEXT NOT NULL,
    "Name" TEXT NULL,
    "PasswordHash" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "projects" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_projects" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Metadata" TEXT NULL,
    "RetentionDays" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_projects_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "organization_memberships" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organization_memberships" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_organization_memberships_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_memberships_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "api_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY,
    "PublicKey" TEXT NOT NULL,
    "SecretKeyHash" TEXT NOT NULL,
    "DisplaySecretKey" TEXT NOT NULL,
    "Note" TEXT NULL,
    "Scope" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "ProjectId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_api_keys_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_api_keys_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "project_settings" (
    "ProjectId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_project_settings" PRIMARY KEY ("ProjectId", "Key"),
    CONSTRAINT "FK_project_settings_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "project_memberships" (
    "ProjectId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "OrganizationMembershipId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_project_memberships" PRIMARY KEY ("ProjectId", "UserId"),
    CONSTRAINT "FK_project_memberships_organization_memberships_OrganizationMembershipId" FOREIGN KEY ("OrganizationMembershipId") REFERENCES "organization_memberships" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_project_memberships_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_project_memberships_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_api_keys_OrganizationId" ON "api_keys" ("OrganizationId");

CREATE INDEX "IX_api_keys_ProjectId" ON "api_keys" ("ProjectId");

CREATE UNIQUE INDEX "IX_api_keys_PublicKey" ON "api_keys" ("PublicKey");

CREATE UNIQUE INDEX "IX_api_keys_SecretKeyHash" ON "api_keys" ("SecretKeyHash");

CREATE UNIQUE INDEX "IX_organization_memberships_OrganizationId_UserId" ON "organization_memberships" ("OrganizationId", "UserId");

CREATE INDEX "IX_organization_memberships_UserId" ON "organization_memberships" ("UserId");

CREATE INDEX "IX_project_memberships_OrganizationMembershipId" ON "project_memberships" ("OrganizationMembershipId");

CREATE INDEX "IX_project_memberships_UserId" ON "project_memberships" ("UserId");

CREATE INDEX "IX_projects_OrganizationId" ON "projects" ("OrganizationId");

CREATE UNIQUE INDEX "IX_users_Email" ON "users" ("Email");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123074837_InitialMetadata', '10.0.11');

COMMIT;

