namespace Omslite.Hub.Api;

/// <summary>User text inside SQL LIKE patterns: always a parameter, with its own % and _ taken literally.</summary>
public static class SqlText
{
    public static string? LikeLiteral(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
