using System.Diagnostics;
using System.Globalization;

namespace Omslite.Hub.Api;

/// <summary>
/// The answer of a task endpoint (imports, packs, registers), as users know it from the original
/// (workflows.md §1.1): <c>{"file","message","done"}</c>, the message ending in " Время: 1.21 cek." (sic, Latin
/// "cek"), plus the task's own result for programs.
/// </summary>
public sealed record TaskEnvelope(string File, string Message, bool Done, object? Result = null)
{
    public static IResult Ok(string message, long startedTimestamp, object? result = null, string file = "") =>
        Results.Ok(new TaskEnvelope(file, WithTime(message, startedTimestamp), true, result));

    public static IResult Failed(string message, long startedTimestamp, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new TaskEnvelope("", WithTime(message, startedTimestamp), false), statusCode: status);

    /// <summary>Seconds rounded to 2 decimals, no trailing zeros but at least one decimal: 0.0, 1.2, 1.21.</summary>
    public static string WithTime(string message, long startedTimestamp)
    {
        var seconds = Math.Round(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, 2);
        var text = seconds.ToString("0.0#", CultureInfo.InvariantCulture);
        return $"{message} Время: {text} cek.";
    }
}
