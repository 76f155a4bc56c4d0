using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Digests;

/// <summary>
/// Records a digest as sent with one prepared statement on the run's open connection. It runs once per digest,
/// between the SMTP terminator and the server's answer, where EF's per-call pipeline cost about as much as the SQL.
/// </summary>
public sealed class SentRecorder : IAsyncDisposable
{
    // Only a pending row becomes sent: a row another process already settled is left alone.
    private const string Sql = """
        UPDATE digest_deliveries SET "Status" = 1, "SentAt" = @sentAt, "Attempts" = @attempts, "MessageId" = @messageId
        WHERE "Id" = @id AND "Status" = 0
        """;

    private readonly PaperwireDbContext db;
    private readonly DbCommand command;

    private SentRecorder(PaperwireDbContext db, DbCommand command)
    {
        this.db = db;
        this.command = command;
    }

    /// <summary>
    /// Prepares the statement up front, so that recording a delivery is a single write to the database: nothing
    /// else may sit between the SMTP terminator and the record (<see cref="SmtpWireStream"/>).
    /// </summary>
    public static async Task<SentRecorder> PrepareAsync(PaperwireDbContext db, CancellationToken cancellationToken) =>
        new(db, await PrepareCommandAsync(db, cancellationToken));

    public async Task<int> RecordAsync(long id, int attempts, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        command.Parameters["@sentAt"].Value = db.Database.IsSqlite() ? sentAt.UtcTicks : sentAt; // UTC ticks on SQLite (UtcTicksConverter)
        command.Parameters["@attempts"].Value = attempts;
        command.Parameters["@messageId"].Value = messageId;
        command.Parameters["@id"].Value = id;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();

    private static async Task<DbCommand> PrepareCommandAsync(PaperwireDbContext db, CancellationToken cancellationToken)
    {
        var prepared = db.Database.GetDbConnection().CreateCommand();
        prepared.CommandText = Sql;
        foreach (var name in new[] { "@sentAt", "@attempts", "@messageId", "@id" })
        {
            var parameter = prepared.CreateParameter();
            parameter.ParameterName = name;
            prepared.Parameters.Add(parameter);
        }

        prepared.Parameters["@sentAt"].Value = db.Database.IsSqlite() ? 0L : DateTimeOffset.UnixEpoch;
        prepared.Parameters["@attempts"].Value = 0;
        prepared.Parameters["@messageId"].Value = "";
        prepared.Parameters["@id"].Value = 0L;
        await prepared.PrepareAsync(cancellationToken);
        return prepared;
    }
}
