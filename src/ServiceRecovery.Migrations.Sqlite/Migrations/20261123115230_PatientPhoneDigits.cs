using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PatientPhoneDigits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_Phone",
                table: "Patients");

            migrationBuilder.AddColumn<string>(
                name: "PhoneDigits",
                table: "Patients",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_PhoneDigits",
                table: "Patients",
                columns: new[] { "PracticeId", "PhoneDigits" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_PhoneDigits",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "PhoneDigits",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_Phone",
                table: "Patients",
                columns: new[] { "PracticeId", "Phone" });
        }
    }
}
