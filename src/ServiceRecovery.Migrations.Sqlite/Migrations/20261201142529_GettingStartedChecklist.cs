using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GettingStartedChecklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChecklistMarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistMarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistMarks_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_PracticeId_Kind_CreatedAt",
                table: "Outbox",
                columns: new[] { "PracticeId", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistMarks_PracticeId_Kind_At",
                table: "ChecklistMarks",
                columns: new[] { "PracticeId", "Kind", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChecklistMarks");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_PracticeId_Kind_CreatedAt",
                table: "Outbox");
        }
    }
}
