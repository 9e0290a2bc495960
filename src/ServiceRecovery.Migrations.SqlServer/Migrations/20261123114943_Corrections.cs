using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "PersonalContacts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "PatientReturns",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Lessons",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "ImprovementLinks",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Gestures",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "FollowUps",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Fixes",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Apologies",
                type: "uniqueidentifier",
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
