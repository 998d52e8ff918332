using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Replaces a whole book in one transaction: its header row, then its entries deleted and copied in again (binary
/// COPY), then an audit row. Readers see the old book or the new one, never a mix; a failure leaves the old one.
/// </summary>
internal sealed class NsiBookStore(NpgsqlDataSource database)
{
    private static readonly JsonSerializerOptions AttributesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ReplaceAsync(
        NsiBook book, string? version, string sourceFile, IReadOnlyList<NsiEntry> entries, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into nsi_book (book, name, imported_at, source_file, version)
            values (@Code, @Name, now(), @sourceFile, @version)
            on conflict (book) do update
                set name = excluded.name, imported_at = excluded.imported_at,
                    source_file = excluded.source_file, version = excluded.version
            """,
            new { book.Code, book.Name, sourceFile, version },
            tx,
            cancellationToken: ct));
        var oldRows = await RowReplacement.ReplaceAsync(
            conn, tx, "nsi_entry", "book", book.Code, ["book", "code", "name", "date_beg", "date_end", "attrs"], entries,
            entry =>
            [
                (book.Code, NpgsqlDbType.Text), (entry.Code, NpgsqlDbType.Text), (entry.Name, NpgsqlDbType.Text),
                (entry.Begin, NpgsqlDbType.Date), (entry.End, NpgsqlDbType.Date),
                (JsonSerializer.Serialize(entry.Attributes, AttributesJson), NpgsqlDbType.Jsonb),
            ],
            ct);
        await ImportAudit.WriteAsync(conn, tx, actor, null, "nsi_book", book.Code, oldRows, entries.Count, ct);
        await tx.CommitAsync(ct);
    }
}
