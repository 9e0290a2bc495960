using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseSeverityStageCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CategoryId",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Severity",
                table: "RecoveryCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "StageId",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            // Existing cases take their defect's severity, stage and category (a defect never changes once logged).
            migrationBuilder.Sql(
                """
                UPDATE "RecoveryCases" SET
                    "Severity" = (SELECT d."Severity" FROM "ServiceDefects" AS d WHERE d."Id" = "RecoveryCases"."DefectId"),
                    "StageId" = (SELECT d."StageId" FROM "ServiceDefects" AS d WHERE d."Id" = "RecoveryCases"."DefectId"),
                    "CategoryId" = (SELECT d."CategoryId" FROM "ServiceDefects" AS d WHERE d."Id" = "RecoveryCases"."DefectId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_CategoryId_Status",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "CategoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_StageId_Status",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "StageId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_Status_Severity",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "Severity" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_CategoryId_Status",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_StageId_Status",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_Status_Severity",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "CategoryId",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "StageId",
                table: "RecoveryCases");
        }
    }
}
