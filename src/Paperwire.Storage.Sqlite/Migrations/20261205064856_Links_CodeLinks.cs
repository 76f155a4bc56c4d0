using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperwire.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Links_CodeLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GitlabRepo",
                table: "papers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HuggingFaceLinks",
                table: "papers",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "github_repositories",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Stars = table.Column<int>(type: "INTEGER", nullable: true),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Gone = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_github_repositories", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "github_repositories");

            migrationBuilder.DropColumn(
                name: "GitlabRepo",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "HuggingFaceLinks",
                table: "papers");
        }
    }
}
