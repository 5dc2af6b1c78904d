using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sightline.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPrompts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "prompt_tags",
                columns: table => new
                {
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PromptName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prompt_tags", x => new { x.ProjectId, x.PromptName, x.Tag });
                    table.ForeignKey(
                        name: "FK_prompt_tags_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prompts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", maxLength: 1000000, nullable: false),
                    Config = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CommitMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prompts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_prompts_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prompt_dependencies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChildName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChildVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildLabel = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prompt_dependencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_prompt_dependencies_prompts_ParentId",
                        column: x => x.ParentId,
                        principalTable: "prompts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "prompt_labels",
                columns: table => new
                {
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PromptName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    PromptId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prompt_labels", x => new { x.ProjectId, x.PromptName, x.Label });
                    table.ForeignKey(
                        name: "FK_prompt_labels_prompts_PromptId",
                        column: x => x.PromptId,
                        principalTable: "prompts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_prompt_dependencies_ParentId",
                table: "prompt_dependencies",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_prompt_dependencies_ProjectId_ChildName",
                table: "prompt_dependencies",
                columns: new[] { "ProjectId", "ChildName" });

            migrationBuilder.CreateIndex(
                name: "IX_prompt_labels_PromptId",
                table: "prompt_labels",
                column: "PromptId");

            migrationBuilder.CreateIndex(
                name: "IX_prompts_ProjectId_Name_Version",
                table: "prompts",
                columns: new[] { "ProjectId", "Name", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "prompt_dependencies");

            migrationBuilder.DropTable(
                name: "prompt_labels");

            migrationBuilder.DropTable(
                name: "prompt_tags");

            migrationBuilder.DropTable(
                name: "prompts");
        }
    }
}
