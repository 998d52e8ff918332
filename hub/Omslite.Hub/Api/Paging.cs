namespace Omslite.Hub.Api;

/// <summary>
/// The list conventions of every /api list: <c>?page=1&amp;pageSize=50&amp;sort=field&amp;desc=true&amp;q=text</c>.
/// Pages are 1-based, 50 rows by default (ui.md), at most 500.
/// </summary>
public sealed record PageRequest(int Page, int PageSize, string? Sort, bool Desc, string? Q)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Offset => (Page - 1) * PageSize;

    public static ValueTask<PageRequest?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var page = int.TryParse(query["page"], out var p) && p > 0 ? p : 1;
        var size = int.TryParse(query["pageSize"], out var s) && s > 0 ? Math.Min(s, MaxPageSize) : DefaultPageSize;
        var desc = bool.TryParse(query["desc"], out var d) && d;
        var q = query["q"].ToString();
        return ValueTask.FromResult<PageRequest?>(new PageRequest(page, size, query["sort"].ToString() is { Length: > 0 } sort ? sort : null, desc, string.IsNullOrWhiteSpace(q) ? null : q.Trim()));
    }

    /// <summary>
    /// The ORDER BY clause for the requested field, taken only from <paramref name="columns"/> (API field → SQL
    /// expression), so that no client text ever reaches the SQL.
    /// </summary>
    public string OrderBy(IReadOnlyDictionary<string, string> columns, string defaultField, string tieBreaker)
    {
        var column = Sort is not null && columns.TryGetValue(Sort, out var c) ? c : columns[defaultField];
        return $"order by {column} {(Desc ? "desc" : "asc")} nulls last, {tieBreaker}";
    }
}

/// <summary>One page of a list, with the total so the UI can show "N записей".</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize);
