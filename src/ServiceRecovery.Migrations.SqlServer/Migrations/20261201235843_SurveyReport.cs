using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SurveyReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoverySurveys_PracticeId_AnsweredAt",
                table: "RecoverySurveys");

            migrationBuilder.CreateIndex(
                name: "IX_RecoverySurveys_PracticeId_IssuedAt",
                table: "RecoverySurveys",
                columns: new[] { "PracticeId", "IssuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoverySurveys_PracticeId_IssuedAt",
                table: "RecoverySurveys");

            migrationBuilder.CreateIndex(
                name: "IX_RecoverySurveys_PracticeId_AnsweredAt",
                table: "RecoverySurveys",
                columns: new[] { "PracticeId", "AnsweredAt" });
        }
    }
}
