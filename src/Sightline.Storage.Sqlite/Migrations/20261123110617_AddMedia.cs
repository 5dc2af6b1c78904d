using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sightline.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media",
                columns: table => new
                {
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 22, nullable: false),
                    Sha256Hash = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentLength = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageBucket = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UploadHttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    UploadHttpError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media", x => new { x.ProjectId, x.Id });
                    table.ForeignKey(
                        name: "FK_media_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "media_links",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MediaId = table.Column<string>(type: "TEXT", maxLength: 22, nullable: false),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ObservationId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DatasetItemId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_media_links_media_ProjectId_MediaId",
                        columns: x => new { x.ProjectId, x.MediaId },
                        principalTable: "media",
                        principalColumns: new[] { "ProjectId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_media_ProjectId_Sha256Hash",
                table: "media",
                columns: new[] { "ProjectId", "Sha256Hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_media_links_ProjectId_DatasetItemId",
                table: "media_links",
                columns: new[] { "ProjectId", "DatasetItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_media_links_ProjectId_MediaId",
                table: "media_links",
                columns: new[] { "ProjectId", "MediaId" });

            migrationBuilder.CreateIndex(
                name: "IX_media_links_ProjectId_TraceId",
                table: "media_links",
                columns: new[] { "ProjectId", "TraceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_links");

            migrationBuilder.DropTable(
                name: "media");
        }
    }
}
