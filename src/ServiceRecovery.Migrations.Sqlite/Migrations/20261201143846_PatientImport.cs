using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PatientImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_PhoneDigits",
                table: "Patients");

            migrationBuilder.RenameColumn(
                name: "PhoneDigits",
                table: "Patients",
                newName: "OtherPhone");

            // The column held the old phone digits, not another number: it starts empty (E.164 forms are written from now on).
            migrationBuilder.Sql("UPDATE Patients SET OtherPhone = NULL");

            migrationBuilder.AddColumn<string>(
                name: "OtherPhoneE164",
                table: "Patients",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneE164",
                table: "Patients",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PatientImportUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", maxLength: 20971520, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientImportUploads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientImportUploads_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_ExternalId",
                table: "Patients",
                columns: new[] { "PracticeId", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_OtherPhoneE164",
                table: "Patients",
                columns: new[] { "PracticeId", "OtherPhoneE164" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_PhoneE164",
                table: "Patients",
                columns: new[] { "PracticeId", "PhoneE164" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientImportUploads_PracticeId",
                table: "PatientImportUploads",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientImportUploads_UploadedAt",
                table: "PatientImportUploads",
                column: "UploadedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientImportUploads");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_ExternalId",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_OtherPhoneE164",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeId_PhoneE164",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "OtherPhoneE164",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "PhoneE164",
                table: "Patients");

            migrationBuilder.RenameColumn(
                name: "OtherPhone",
                table: "Patients",
                newName: "PhoneDigits");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeId_PhoneDigits",
                table: "Patients",
                columns: new[] { "PracticeId", "PhoneDigits" });
        }
    }
}
