using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sightline.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddLlmConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "llm_connections",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Adapter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SecretKey = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    DisplaySecretKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CustomModels = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    WithDefaultModels = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtraHeaders = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    ExtraHeaderKeys = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Config = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_llm_connections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_llm_connections_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_llm_connections_ProjectId_CreatedAt",
                table: "llm_connections",
                columns: new[] { "ProjectId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_llm_connections_ProjectId_Provider",
                table: "llm_connections",
                columns: new[] { "ProjectId", "Provider" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "llm_connections");
        }
    }
}
