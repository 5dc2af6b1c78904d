BEGIN TRANSACTION;
CREATE TABLE "prompt_tags" (
    "ProjectId" TEXT NOT NULL,
    "PromptName" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "PK_prompt_tags" PRIMARY KEY ("ProjectId", "PromptName", "Tag"),
    CONSTRAINT "FK_prompt_tags_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "prompts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_prompts" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "Config" TEXT NOT NULL,
    "CommitMessage" TEXT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_prompts_projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "prompt_dependencies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_prompt_dependencies" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ParentId" TEXT NOT NULL,
    "ChildName" TEXT NOT NULL,
    "ChildVersion" INTEGER NULL,
    "ChildLabel" TEXT NULL,
    CONSTRAINT "FK_prompt_dependencies_prompts_ParentId" FOREIGN KEY ("ParentId") REFERENCES "prompts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "prompt_labels" (
    "ProjectId" TEXT NOT NULL,
    "PromptName" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "PromptId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "PK_prompt_labels" PRIMARY KEY ("ProjectId", "PromptName", "Label"),
    CONSTRAINT "FK_prompt_labels_prompts_PromptId" FOREIGN KEY ("PromptId") REFERENCES "prompts" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_prompt_dependencies_ParentId" ON "prompt_dependencies" ("ParentId");

CREATE INDEX "IX_prompt_dependencies_ProjectId_ChildName" ON "prompt_dependencies" ("ProjectId", "ChildName");

CREATE INDEX "IX_prompt_labels_PromptId" ON "prompt_labels" ("PromptId");

CREATE UNIQUE INDEX "IX_prompts_ProjectId_Name_Version" ON "prompts" ("ProjectId", "Name", "Version");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123103138_AddPrompts', '10.0.11');

COMMIT;

