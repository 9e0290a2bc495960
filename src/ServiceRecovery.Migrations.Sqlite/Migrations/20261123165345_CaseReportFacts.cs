using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DefectOccurredAt",
                table: "RecoveryCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstReturnOn",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasGivenGesture",
                table: "RecoveryCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Recovered",
                table: "RecoveryCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Existing cases take their defect's time, and the facts their records already hold (Given = 1).
            migrationBuilder.Sql(
                """
                UPDATE "RecoveryCases" SET
                    "DefectOccurredAt" = (SELECT d."OccurredAt" FROM "ServiceDefects" AS d WHERE d."Id" = "RecoveryCases"."DefectId"),
                    "HasGivenGesture" = EXISTS (SELECT 1 FROM "Gestures" AS g WHERE g."CaseId" = "RecoveryCases"."Id" AND g."State" = 1),
                    "Recovered" = EXISTS (SELECT 1 FROM "Gestures" AS g WHERE g."CaseId" = "RecoveryCases"."Id" AND g."State" = 1)
                        OR EXISTS (SELECT 1 FROM "FollowUps" AS f WHERE f."CaseId" = "RecoveryCases"."Id"),
                    "FirstReturnOn" = (SELECT MIN(r."ReturnedOn") FROM "PatientReturns" AS r WHERE r."CaseId" = "RecoveryCases"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_Report",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "DefectOccurredAt", "Status", "StageId", "CategoryId", "HasGivenGesture", "Recovered", "FirstReturnOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_Report",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "DefectOccurredAt",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "FirstReturnOn",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "HasGivenGesture",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "Recovered",
                table: "RecoveryCases");
        }
    }
}
