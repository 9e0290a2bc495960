using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintsReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintReceivedOn",
                table: "RecoveryCases",
                columns: new[] { "PracticeId", "ComplaintReceivedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCases_PracticeId_ComplaintReceivedOn",
                table: "RecoveryCases");
        }
    }
}
