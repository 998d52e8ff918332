namespace Omslite.Sdk.Connectors;

/// <summary>
/// Where a source's MIS database is and how to read it: the connection string and the source's own settings
/// (configured as <c>Omslite__Sources__0__Settings__&lt;key&gt;</c>, e.g. a mapping name for a SQL-mapping connector).
/// </summary>
public sealed record SourceConnection(string ConnectionString, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>A setting, or <paramref name="fallback"/> when the source does not set it.</summary>
    public string? Setting(string key, string? fallback = null) =>
        Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}

/// <summary>The answer of a connection test.</summary>
/// <param name="Ok">Whether a pull can run.</param>
/// <param name="Message">One Russian sentence for the admin, e.g. "Подключение установлено, найдено 1 234 случая".</param>
/// <param name="Problems">Each thing to fix, e.g. a missing or mistyped column of a mapping query.</param>
public sealed record ConnectionCheck(bool Ok, string Message, IReadOnlyList<string> Problems)
{
    /// <summary>A pull can run.</summary>
    public static ConnectionCheck Success(string message) => new(true, message, []);

    /// <summary>A pull cannot run; <paramref name="problems"/> say what to fix.</summary>
    public static ConnectionCheck Failure(string message, params string[] problems) => new(false, message, problems);
}

/// <summary>A report month.</summary>
public readonly record struct ReportPeriod(int Year, int Month)
{
    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>YYYY-MM.</summary>
    public override string ToString() => $"{Year:0000}-{Month:00}";
}

/// <summary>What to pull.</summary>
/// <param name="Connection">The source's database.</param>
/// <param name="Watermark">The watermark the hub committed last (null: from the beginning). Opaque to the hub.</param>
/// <param name="From">With <paramref name="To"/>: pull every case whose visit falls in these report months,
/// whatever the watermark (a full pull of the period).</param>
/// <param name="To">The last month of the period.</param>
/// <param name="BatchSize">At most this many cases per batch.</param>
public sealed record PullRequest(
    SourceConnection Connection, string? Watermark, ReportPeriod? From, ReportPeriod? To, int BatchSize = 2000)
{
    /// <summary>Whether this is a full pull of a period rather than an incremental one.</summary>
    public bool IsPeriodPull => From is not null && To is not null;
}

/// <summary>A batch of cases and the watermark that covers them.</summary>
public sealed record SourceBatch(IReadOnlyList<SourceCase> Cases, string? Watermark);
