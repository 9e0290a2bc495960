using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Lessons_CorrectsId",
                table: "Lessons",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_Gestures_CaseId_State",
                table: "Gestures",
                columns: new[] { "CaseId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Gestures_State_DecidedAt",
                table: "Gestures",
                columns: new[] { "State", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Lessons_CorrectsId",
                table: "Lessons");

            migrationBuilder.DropIndex(
                name: "IX_Gestures_CaseId_State",
                table: "Gestures");

            migrationBuilder.DropIndex(
                name: "IX_Gestures_State_DecidedAt",
                table: "Gestures");
        }
    }
}
