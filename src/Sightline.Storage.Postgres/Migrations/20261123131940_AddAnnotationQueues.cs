using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sightline.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddAnnotationQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "annotation_queues",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ScoreConfigIds = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annotation_queues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_annotation_queues_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "annotation_queue_assignments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    QueueId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annotation_queue_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_annotation_queue_assignments_annotation_queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "annotation_queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_annotation_queue_assignments_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "annotation_queue_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProjectId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    QueueId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annotation_queue_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_annotation_queue_items_annotation_queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "annotation_queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_assignments_ProjectId_QueueId_UserId",
                table: "annotation_queue_assignments",
                columns: new[] { "ProjectId", "QueueId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_assignments_QueueId",
                table: "annotation_queue_assignments",
                column: "QueueId");

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_assignments_UserId",
                table: "annotation_queue_assignments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_items_ProjectId_ObjectType_ObjectId",
                table: "annotation_queue_items",
                columns: new[] { "ProjectId", "ObjectType", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_items_ProjectId_QueueId_Status",
                table: "annotation_queue_items",
                columns: new[] { "ProjectId", "QueueId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queue_items_QueueId",
                table: "annotation_queue_items",
                column: "QueueId");

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queues_ProjectId_CreatedAt",
                table: "annotation_queues",
                columns: new[] { "ProjectId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_annotation_queues_ProjectId_Name",
                table: "annotation_queues",
                columns: new[] { "ProjectId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annotation_queue_assignments");

            migrationBuilder.DropTable(
                name: "annotation_queue_items");

            migrationBuilder.DropTable(
                name: "annotation_queues");
        }
    }
}
