using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DefectOccurredAt",
                table: "RecoveryCases",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstReturnOn",
                table: "RecoveryCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasGivenGesture",
                table: "RecoveryCases",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Recovered",
                table: "RecoveryCases",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Existing cases take their defect's time, and the facts their records already hold (Given = 1).
            migrationBuilder.Sql(
                """
                UPDATE c SET
                    c.[DefectOccurredAt] = d.[OccurredAt],
                    c.[HasGivenGesture] = CASE WHEN EXISTS (SELECT 1 FROM [Gestures] AS g WHERE g.[CaseId] = c.[Id] AND g.[State] = 1) THEN 1 ELSE 0 END,
                    c.[Recovered] = CASE WHEN EXISTS (SELECT 1 FROM [Gestures] AS g WHERE g.[CaseId] = c.[Id] AND g.[State] = 1)
                        OR EXISTS (SELECT 1 FROM [FollowUps] AS f WHERE f.[CaseId] = c.[Id]) THEN 1 ELSE 0 END,
                    c.[FirstReturnOn] = (SELECT MIN(r.[ReturnedOn]) FROM [PatientReturns] AS r WHERE r.[CaseId] = c.[Id])
                FROM [RecoveryCases] AS c INNER JOIN [ServiceDefects] AS d ON d.[Id] = c.[DefectId];
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
