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
        var oldRows = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "with gone as (delete from nsi_entry where book = @Code returning 1) select count(*) from gone",
            new { book.Code },
            tx,
            cancellationToken: ct));
        await CopyAsync(conn, book.Code, entries, ct);
        await ImportAudit.WriteAsync(conn, tx, actor, null, "nsi_book", book.Code, oldRows, entries.Count, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string book, IReadOnlyList<NsiEntry> entries, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            "copy nsi_entry (book, code, name, date_beg, date_end, attrs) from stdin (format binary)", ct);
        foreach (var entry in entries)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(book, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(entry.Code, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(entry.Name, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(entry.Begin, NpgsqlDbType.Date, ct);
            if (entry.End is { } end)
            {
                await copy.WriteAsync(end, NpgsqlDbType.Date, ct);
            }
            else
            {
                await copy.WriteNullAsync(ct);
            }

            await copy.WriteAsync(JsonSerializer.Serialize(entry.Attributes, AttributesJson), NpgsqlDbType.Jsonb, ct);
        }

        await copy.CompleteAsync(ct);
    }
}
