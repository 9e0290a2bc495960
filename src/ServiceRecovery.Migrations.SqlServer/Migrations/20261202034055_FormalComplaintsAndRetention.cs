using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FormalComplaintsAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintAcknowledgeDue",
                table: "RecoveryCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintReceivedOn",
                table: "RecoveryCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintRespondDue",
                table: "RecoveryCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintWarningOn",
                table: "RecoveryCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetailsRemovedAt",
                table: "Patients",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Patients",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "FormalComplaints",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ProfileId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Region = table.Column<int>(type: "int", nullable: false),
                    AcknowledgeAmount = table.Column<int>(type: "int", nullable: false),
                    AcknowledgeUnit = table.Column<int>(type: "int", nullable: false),
                    RespondAmount = table.Column<int>(type: "int", nullable: false),
                    RespondUnit = table.Column<int>(type: "int", nullable: false),
                    MarkedByName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    MarkedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AcknowledgedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcknowledgementLetterId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RespondedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ResponseLetterId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Finding = table.Column<int>(type: "int", nullable: true),
                    WentToEscalationBody = table.Column<bool>(type: "bit", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OutcomeRecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormalComplaints", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_FormalComplaints_RecoveryCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "RecoveryCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintPauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ResumedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintPauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintPauses_FormalComplaints_CaseId",
                        column: x => x.CaseId,
                        principalTable: "FormalComplaints",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintAcknowledgeDue",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "ComplaintAcknowledgeDue" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintReceivedOn",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "ComplaintReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintRespondDue",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "ComplaintRespondDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_DetailsRemovedAt",
                table: "Patients",
                columns: new[] { "PracticeId", "DetailsRemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintPauses_CaseId",
                table: "ComplaintPauses",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintPauses");

            migrationBuilder.DropTable(
                name: "FormalComplaints");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintAcknowledgeDue",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintReceivedOn",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintRespondDue",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_DetailsRemovedAt",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "ComplaintAcknowledgeDue",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "ComplaintReceivedOn",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "ComplaintRespondDue",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "ComplaintWarningOn",
                table: "RecoveryCases");

            migrationBuilder.DropColumn(
                name: "DetailsRemovedAt",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Patients");
        }
    }
}
