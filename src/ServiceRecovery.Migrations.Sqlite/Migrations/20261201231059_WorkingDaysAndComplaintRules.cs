using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkingDaysAndComplaintRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AcknowledgeWithin",
                table: "Practices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureDays",
                table: "Practices",
                type: "TEXT",
                maxLength: 2500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ComplaintProfileId",
                table: "Practices",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HolidayRegion",
                table: "Practices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OpeningDays",
                table: "Practices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 62);

            migrationBuilder.AddColumn<int>(
                name: "RespondWithin",
                table: "Practices",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcknowledgeWithin",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ClosureDays",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ComplaintProfileId",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "HolidayRegion",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "OpeningDays",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "RespondWithin",
                table: "Practices");
        }
    }
}
