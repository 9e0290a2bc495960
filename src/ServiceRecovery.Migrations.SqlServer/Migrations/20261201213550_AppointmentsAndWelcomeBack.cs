using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AppointmentsAndWelcomeBack : Migration
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

            migrationBuilder.AddColumn<Guid>(
                name: "AppointmentId",
                table: "PatientReturns",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ExternalId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appointments_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointments_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "IX_Appointments_PatientId_StartsAt",
                table: "Appointments",
                columns: new[] { "PatientId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PracticeId_ExternalId",
                table: "Appointments",
                columns: new[] { "PracticeId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PracticeId_StartsAt",
                table: "Appointments",
                columns: new[] { "PracticeId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PracticeId_Status_StartsAt_PatientId",
                table: "Appointments",
                columns: new[] { "PracticeId", "Status", "StartsAt", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_WelcomeBacks_CaseId",
                table: "WelcomeBacks",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "WelcomeBacks");

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

            migrationBuilder.DropColumn(
                name: "WelcomeBackGesture",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "WelcomeGestures",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "AppointmentId",
                table: "PatientReturns");
        }
    }
}
