using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Replaces the rows of one key of a table inside the caller's transaction: deletes them, then copies the new rows in
/// with binary COPY. Table and column names are the callers' constants, never user input.
/// </summary>
internal static class RowReplacement
{
    /// <returns>how many rows the key had before</returns>
    public static async Task<long> ReplaceAsync<T>(
        NpgsqlConnection conn, NpgsqlTransaction tx, string table, string keyColumn, object key,
        IReadOnlyList<string> columns, IEnumerable<T> rows, Func<T, (object? Value, NpgsqlDbType Type)[]> fields,
        CancellationToken ct)
    {
        var oldRows = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"with gone as (delete from {table} where {keyColumn} = @key returning 1) select count(*) from gone",
            new { key },
            tx,
            cancellationToken: ct));
        await using var copy = await conn.BeginBinaryImportAsync(
            $"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var (value, type) in fields(row))
            {
                if (value is null)
                {
                    await copy.WriteNullAsync(ct);
                }
                else
                {
                    await copy.WriteAsync(value, type, ct);
                }
            }
        }

        await copy.CompleteAsync(ct);
        return oldRows;
    }
}
