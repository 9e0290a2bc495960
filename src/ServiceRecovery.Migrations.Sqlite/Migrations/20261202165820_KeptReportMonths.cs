using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeptReportMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportMonths",
                columns: table => new
                {
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Changes = table.Column<int>(type: "INTEGER", nullable: false),
                    Computed = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMonths", x => new { x.PracticeId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ReportTallies",
                columns: table => new
                {
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Figure = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportTallies", x => new { x.PracticeId, x.Month, x.Figure, x.KeyId, x.Bucket });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportMonths");

            migrationBuilder.DropTable(
                name: "ReportTallies");
        }
    }
}
