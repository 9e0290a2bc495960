using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MembershipRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "PracticeMemberships",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "FrontDesk");

            // Each membership takes the role its person held (the highest, if several); the global role rows then go, so
            // nothing can read a role that is not a membership's. Plain SQL that both providers run.
            migrationBuilder.Sql(@"UPDATE PracticeMemberships SET Role = (
    SELECT CASE MAX(CASE r.Name WHEN 'Administrator' THEN 3 WHEN 'PracticeManager' THEN 2 ELSE 1 END)
        WHEN 3 THEN 'Administrator' WHEN 2 THEN 'PracticeManager' ELSE 'FrontDesk' END
    FROM AspNetUserRoles ur INNER JOIN AspNetRoles r ON r.Id = ur.RoleId
    WHERE ur.UserId = PracticeMemberships.UserId)");
            migrationBuilder.Sql("DELETE FROM AspNetUserRoles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one global role per person: the highest of their memberships' roles, where the role rows still exist.
            migrationBuilder.Sql(@"INSERT INTO AspNetUserRoles (UserId, RoleId)
SELECT m.UserId, r.Id
FROM (SELECT UserId, MAX(CASE Role WHEN 'Administrator' THEN 3 WHEN 'PracticeManager' THEN 2 ELSE 1 END) AS RoleRank
      FROM PracticeMemberships GROUP BY UserId) m
INNER JOIN AspNetRoles r ON r.Name = CASE m.RoleRank WHEN 3 THEN 'Administrator' WHEN 2 THEN 'PracticeManager' ELSE 'FrontDesk' END");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "PracticeMemberships");
        }
    }
}
