using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sightline.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Metadata = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    InputSchema = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    ExpectedOutputSchema = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_datasets_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_items",
                columns: table => new
                {
                    RowId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Input = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    ExpectedOutput = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    Metadata = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    SourceTraceId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SourceObservationId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_items", x => x.RowId);
                    table.ForeignKey(
                        name: "FK_dataset_items_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_runs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Metadata = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dataset_runs_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_items_DatasetId_ValidTo_CreatedAt",
                table: "dataset_items",
                columns: new[] { "DatasetId", "ValidTo", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_items_ProjectId_Id_ValidFrom",
                table: "dataset_items",
                columns: new[] { "ProjectId", "Id", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_items_ProjectId_SourceTraceId",
                table: "dataset_items",
                columns: new[] { "ProjectId", "SourceTraceId" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_items_current",
                table: "dataset_items",
                columns: new[] { "ProjectId", "Id" },
                unique: true,
                filter: "\"ValidTo\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_dataset_runs_DatasetId_Name",
                table: "dataset_runs",
                columns: new[] { "DatasetId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dataset_runs_ProjectId_DatasetId_CreatedAt",
                table: "dataset_runs",
                columns: new[] { "ProjectId", "DatasetId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_ProjectId_CreatedAt",
                table: "datasets",
                columns: new[] { "ProjectId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_ProjectId_Name",
                table: "datasets",
                columns: new[] { "ProjectId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_items");

            migrationBuilder.DropTable(
                name: "dataset_runs");

            migrationBuilder.DropTable(
                name: "datasets");
        }
    }
}
