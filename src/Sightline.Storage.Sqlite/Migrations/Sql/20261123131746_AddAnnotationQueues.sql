BEGIN TRANSACTION;
CREATE TABLE "annotation_queues" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_annotation_queues" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "ScoreConfigIds" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_annotation_queues_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "annotation_queue_assignments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_annotation_queue_assignments" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "QueueId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_annotation_queue_assignments_annotation_queues_QueueId" FOREIGN KEY ("QueueId") REFERENCES "annotation_queues" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_annotation_queue_assignments_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "annotation_queue_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_annotation_queue_items" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "QueueId" TEXT NOT NULL,
    "ObjectId" TEXT NOT NULL,
    "ObjectType" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_annotation_queue_items_annotation_queues_QueueId" FOREIGN KEY ("QueueId") REFERENCES "annotation_queues" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_annotation_queue_assignments_ProjectId_QueueId_UserId" ON "annotation_queue_assignments" ("ProjectId", "QueueId", "UserId");

CREATE INDEX "IX_annotation_queue_assignments_QueueId" ON "annotation_queue_assignments" ("QueueId");

CREATE INDEX "IX_annotation_queue_assignments_UserId" ON "annotation_queue_assignments" ("UserId");

CREATE INDEX "IX_annotation_queue_items_ProjectId_ObjectType_ObjectId" ON "annotation_queue_items" ("ProjectId", "ObjectType", "ObjectId");

CREATE INDEX "IX_annotation_queue_items_ProjectId_QueueId_Status" ON "annotation_queue_items" ("ProjectId", "QueueId", "Status");

CREATE INDEX "IX_annotation_queue_items_QueueId" ON "annotation_queue_items" ("QueueId");

CREATE INDEX "IX_annotation_queues_ProjectId_CreatedAt" ON "annotation_queues" ("ProjectId", "CreatedAt");

CREATE UNIQUE INDEX "IX_annotation_queues_ProjectId_Name" ON "annotation_queues" ("ProjectId", "Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123131746_AddAnnotationQueues', '10.0.11');

COMMIT;

