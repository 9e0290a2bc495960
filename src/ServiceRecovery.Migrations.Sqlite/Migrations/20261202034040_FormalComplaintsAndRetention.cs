using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintReceivedOn",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintRespondDue",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ComplaintWarningOn",
                table: "RecoveryCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DetailsRemovedAt",
                table: "Patients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "FormalComplaints",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Region = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgeAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgeUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    MarkedByName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    MarkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcknowledgementLetterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RespondedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResponseLetterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Finding = table.Column<int>(type: "INTEGER", nullable: true),
                    WentToEscalationBody = table.Column<bool>(type: "INTEGER", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OutcomeRecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResumedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
