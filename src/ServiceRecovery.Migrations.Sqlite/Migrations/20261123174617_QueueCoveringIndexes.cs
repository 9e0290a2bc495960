using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_StageId_Status",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_Status_CurrentStep",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_Status_NextDueAt",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_Status_Severity",
                table: "RecoveryCases");

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_Queue",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "NextDueAt", "OpenedAt", "Severity", "CurrentStep", "OwnerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_QueueByStage",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "StageId", "Status", "OpenedAt", "NextDueAt", "Severity", "CurrentStep", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_Queue",
                table: "RecoveryCases");

            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_QueueByStage",
                table: "RecoveryCases");

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_StageId_Status",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "StageId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_Status_CurrentStep",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "CurrentStep" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_Status_NextDueAt",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "NextDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_Status_Severity",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "Status", "Severity" });
        }
    }
}
