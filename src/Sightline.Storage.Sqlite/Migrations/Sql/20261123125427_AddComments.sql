BEGIN TRANSACTION;
CREATE TABLE "comments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_comments" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ObjectType" TEXT NOT NULL,
    "ObjectId" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "AuthorUserId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_comments_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_comments_ProjectId_CreatedAt" ON "comments" ("ProjectId", "CreatedAt");

CREATE INDEX "IX_comments_ProjectId_ObjectType_ObjectId" ON "comments" ("ProjectId", "ObjectType", "ObjectId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123125427_AddComments', '10.0.11');

COMMIT;

