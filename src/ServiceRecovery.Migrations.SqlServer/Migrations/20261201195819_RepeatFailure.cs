using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RepeatFailure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RepeatAssignedToName",
                table: "RecoveryCases",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RepeatOfCaseId",
                table: "RecoveryCases",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RepeatOfOccurredAt",
                table: "RecoveryCases",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepeatOfReference",
                table: "RecoveryCases",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RepeatAssignedToName",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "RepeatOfCaseId",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "RepeatOfOccurredAt",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "RepeatOfReference",
                table: "RecoveryCases");
        }
    }
}
