using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Corrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "StepSkips",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "PersonalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "PatientReturns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Lessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "ImprovementLinks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Gestures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "FollowUps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Fixes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Apologies",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "StepSkips");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "PersonalContacts");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "PatientReturns");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Lessons");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "ImprovementLinks");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Gestures");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Fixes");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Apologies");
        }
    }
}
