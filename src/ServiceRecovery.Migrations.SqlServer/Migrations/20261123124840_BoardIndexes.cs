using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BoardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Gestures_State",
                table: "Gestures");

            migrationBuilder.CreateIndex(
                name: "IX_PatientReturns_ReturnedOn",
                table: "PatientReturns",
                column: "ReturnedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Gestures_State_RecordedAt",
                table: "Gestures",
                columns: new[] { "State", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PatientReturns_ReturnedOn",
                table: "PatientReturns");

            migrationBuilder.DropIndex(
                name: "IX_Gestures_State_RecordedAt",
                table: "Gestures");

            migrationBuilder.CreateIndex(
                name: "IX_Gestures_State",
                table: "Gestures",
                column: "State");
        }
    }
}
