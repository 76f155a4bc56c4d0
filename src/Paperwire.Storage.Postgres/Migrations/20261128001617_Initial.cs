using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperwire.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FullName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AvatarUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    AuthorCount = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GithubRepo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    GithubStars = table.Column<int>(type: "integer", nullable: true),
                    ProjectPage = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AiSummary = table.Column<string>(type: "text", nullable: true),
                    AiKeywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    Upvotes = table.Column<int>(type: "integer", nullable: false),
                    NumComments = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_papers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_papers_organizations_OrganizationName",
                        column: x => x.OrganizationName,
                        principalTable: "organizations",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "feed_entries",
                columns: table => new
                {
                    PaperId = table.Column<string>(type: "character varying(64)", nullable: false),
                    FeedDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_entries", x => x.PaperId);
                    table.ForeignKey(
                        name: "FK_feed_entries_papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_authors",
                columns: table => new
                {
                    PaperId = table.Column<string>(type: "character varying(64)", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Hidden = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_authors", x => new { x.PaperId, x.Position });
                    table.ForeignKey(
                        name: "FK_paper_authors_papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feed_entries_FeedDate",
                table: "feed_entries",
                column: "FeedDate");

            migrationBuilder.CreateIndex(
                name: "IX_feed_entries_SubmittedBy_FeedDate",
                table: "feed_entries",
                columns: new[] { "SubmittedBy", "FeedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_paper_authors_Name",
                table: "paper_authors",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_papers_OrganizationName",
                table: "papers",
                column: "OrganizationName");

            migrationBuilder.CreateIndex(
                name: "IX_papers_PublishedAt",
                table: "papers",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_entries");

            migrationBuilder.DropTable(
                name: "paper_authors");

            migrationBuilder.DropTable(
                name: "papers");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
