using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.ReferenceBooks.Api.Search;

namespace Omslite.Hub.ReferenceBooks.Api.Reading;

/// <summary>
/// Reads any book through its descriptor: a page of rows, one row by key, the row counts. PostgreSQL builds each
/// row's JSON from the descriptor's columns, so a book's shape is defined once, in its descriptor.
/// </summary>
public static class BookReader
{
    public static async Task<Page<JsonElement>> ListAsync(
        NpgsqlConnection conn, BookDescriptor book, PageRequest page, BookFilter filter, DynamicParameters parameters, CancellationToken ct)
    {
        var where = Where(book, filter, page.Q, parameters);
        parameters.Add("limit", page.PageSize);
        parameters.Add("offset", page.Offset);
        var sql = $"""
            select count(*) from {book.From} where {where};
            select {RowJson(book)} from {book.From} where {where}
            {page.OrderBy(book.SortColumns, book.DefaultSort, book.TieBreaker)}
            limit @limit offset @offset
            """;
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        var total = await grid.ReadSingleAsync<long>();
        var rows = (await grid.ReadAsync<string>()).Select(Parse).ToList();
        return new Page<JsonElement>(rows, total, page.Page, page.PageSize);
    }

    /// <summary>The row with that key (for a key with dated versions, the first by the book's tie-breaker), or null.</summary>
    public static async Task<JsonElement?> FindAsync(
        NpgsqlConnection conn, BookDescriptor book, object key, BookFilter filter, DynamicParameters parameters, CancellationToken ct)
    {
        parameters.Add("key", key);
        var row = await conn.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"""
            select {RowJson(book)} from {book.From}
            where {Where(book, filter, null, parameters)} and {book.KeyColumn.Sql} = @key
            order by {book.TieBreaker} limit 1
            """,
            parameters, cancellationToken: ct));
        return row is null ? null : Parse(row);
    }

    /// <summary>How many rows each book has for the caller (deleted rows and other MOs' rows not counted).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(
        NpgsqlConnection conn, IReadOnlyList<BookDescriptor> books, DynamicParameters parameters, CancellationToken ct)
    {
        var sql = string.Join("\nunion all\n", books.Select(b => $"select '{b.Id}' as book, count(*) as rows from {b.From} where {b.Scope}"));
        var counts = await conn.QueryAsync<(string Book, long Rows)>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return counts.ToDictionary(c => c.Book, c => c.Rows);
    }

    /// <summary>The key of a request in the key's type; null when it cannot be one (then there is no such row).</summary>
    public static object? ParseKey(BookDescriptor book, string key) =>
        !book.NumericKey ? key
        : int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : null;

    private static string RowJson(BookDescriptor book) =>
        "json_build_object(" + string.Join(", ", book.Columns.Select(c => $"'{c.Field}', {c.Sql}")) + ")::text";

    private static string Where(BookDescriptor book, BookFilter filter, string? q, DynamicParameters parameters)
    {
        var conditions = new List<string> { book.Scope };
        if (filter.AsOf is not null && book.Validity is { } valid)
        {
            conditions.Add($"({valid.Begin} is null or {valid.Begin} <= @asOf) and ({valid.End} is null or {valid.End} >= @asOf)");
        }

        if (q is not null)
        {
            conditions.Add(TextSearch.Condition(book.Search, q, parameters));
        }

        if (filter.AtLeast is not null && book.Search.AtLeast is { } atLeast)
        {
            conditions.Add($"{atLeast} >= @n");
        }

        return string.Join(" and ", conditions.Select(c => $"({c})"));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
