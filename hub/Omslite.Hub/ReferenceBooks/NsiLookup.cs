using System.Text.Json;
using Dapper;
using Npgsql;

namespace Omslite.Hub.ReferenceBooks;

/// <summary>
/// Looks codes up in the federal and regional books "as of" a date (usually the visit date): the entry of that code
/// whose validity range holds the date.
/// </summary>
public sealed class NsiLookup(NpgsqlDataSource database)
{
    public async Task<NsiEntry?> FindAsync(string book, string code, DateOnly asOf, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition(
            """
            select code, name, date_beg as begin, date_end as end, attrs::text as attributes
            from nsi_entry
            where book = @book and code = @code and date_beg <= @asOf and (date_end is null or date_end >= @asOf)
            order by date_beg desc
            limit 1
            """,
            new { book, code, asOf },
            cancellationToken: ct));
        return row is null
            ? null
            : new NsiEntry(row.Code, row.Name, row.Begin, row.End,
                JsonSerializer.Deserialize<Dictionary<string, string>>(row.Attributes) ?? []);
    }

    private sealed record EntryRow(string Code, string Name, DateOnly Begin, DateOnly? End, string Attributes);
}
