using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Paperwire.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmbeddingsInDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "embedding_queue",
                columns: table => new
                {
                    PaperId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_embedding_queue", x => x.PaperId);
                    table.ForeignKey(
                        name: "FK_embedding_queue_papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_embeddings",
                columns: table => new
                {
                    PaperId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextHash = table.Column<long>(type: "INTEGER", nullable: false),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_embeddings", x => new { x.PaperId, x.Model });
                    table.ForeignKey(
                        name: "FK_paper_embeddings_papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "counters",
                columns: new[] { "Name", "Value" },
                values: new object[] { "paper-embeddings", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_paper_embeddings_Model_Sequence",
                table: "paper_embeddings",
                columns: new[] { "Model", "Sequence" });

            // Every paper the catalog already holds waits for its stored vector; the embedding workers take it from
            // the data folder's vector cache where the old version left one, so an upgrade re-runs no model.
            migrationBuilder.Sql("""INSERT INTO embedding_queue ("PaperId") SELECT "Id" FROM papers;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "embedding_queue");

            migrationBuilder.DropTable(
                name: "paper_embeddings");

            migrationBuilder.DeleteData(
                table: "counters",
                keyColumn: "Name",
                keyValue: "paper-embeddings");
        }
    }
}
