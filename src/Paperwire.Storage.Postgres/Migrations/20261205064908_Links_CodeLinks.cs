using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperwire.Storage.Postgres.Migrations
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "HuggingFaceLinks",
                table: "papers",
                type: "text[]",
                nullable: false,
                // Papers already stored have no links yet (the startup backfill finds them).
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "github_repositories",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Stars = table.Column<int>(type: "integer", nullable: true),
                    ETag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Gone = table.Column<bool>(type: "boolean", nullable: false)
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
