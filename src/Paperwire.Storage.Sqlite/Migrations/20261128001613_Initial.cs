using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperwire.Storage.Sqlite.Migrations
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
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AvatarUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganizationName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GithubRepo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    GithubStars = table.Column<int>(type: "INTEGER", nullable: true),
                    ProjectPage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AiSummary = table.Column<string>(type: "TEXT", nullable: true),
                    AiKeywords = table.Column<string>(type: "TEXT", nullable: false),
                    Upvotes = table.Column<int>(type: "INTEGER", nullable: false),
                    NumComments = table.Column<int>(type: "INTEGER", nullable: false)
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
                    PaperId = table.Column<string>(type: "TEXT", nullable: false),
                    FeedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
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
                    PaperId = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false)
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
