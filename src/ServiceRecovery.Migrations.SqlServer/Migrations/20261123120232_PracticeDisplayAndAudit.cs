using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PracticeDisplayAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayTokenHash",
                table: "Practices",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DisplayTokenIssuedAt",
                table: "Practices",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastHuddleAt",
                table: "Practices",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ClientAddress = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_OwnerId_Status",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_Status_CurrentStep",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "CurrentStep" });

            migrationBuilder.CreateIndex(
                name: "IX_Practices_DisplayTokenHash",
                table: "Practices",
                column: "DisplayTokenHash",
                unique: true,
                filter: "[DisplayTokenHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_PracticeId_At",
                table: "AuditEvents",
                columns: new[] { "PracticeId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_OwnerId_Status",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_Status_CurrentStep",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_Practices_DisplayTokenHash",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "DisplayTokenHash",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "DisplayTokenIssuedAt",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "LastHuddleAt",
                table: "Practices");
        }
    }
}
