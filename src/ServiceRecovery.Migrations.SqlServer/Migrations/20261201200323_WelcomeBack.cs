using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WelcomeBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WelcomeBackGesture",
                table: "RecoveryCases",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WelcomeGestures",
                table: "Practices",
                type: "nvarchar(1212)",
                maxLength: 1212,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "WelcomeBacks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GreetedBy = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    SaidOrGiven = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CorrectsId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WelcomeBacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WelcomeBacks_RecoveryCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "RecoveryCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WelcomeBacks_CaseId",
                table: "WelcomeBacks",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WelcomeBacks");

            migrationBuilder.DropColumn(
                name: "WelcomeBackGesture",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "WelcomeGestures",
                table: "Practices");
        }
    }
}
