using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Cli;

/// <summary>
/// The conventions every operation verb follows: exit code 0 on success; on failure a one-line message on stderr
/// and a non-zero exit code; with <c>--json</c> exactly one JSON object on stdout and nothing else there.
/// </summary>
public static class CliOperation
{
    public const int Failed = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync<T>(
        bool json, Func<CancellationToken, Task<T>> operation, Func<T, string> describe, CancellationToken ct, Func<T, object?>? jsonResult = null)
    {
        T result;
        try
        {
            result = await operation(ct);
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            await Console.Error.WriteLineAsync($"ошибка: {OneLine(ex.Message)}");
            return Failed;
        }

        await Console.Out.WriteLineAsync(json ? JsonSerializer.Serialize(jsonResult is null ? result : jsonResult(result), Json) : describe(result));
        return 0;
    }

    private static bool IsExpected(Exception ex) =>
        ex is EmbeddedPostgresException or NpgsqlException or InvalidOperationException or IOException
            or UnauthorizedAccessException or TimeoutException or FormatException or ArgumentException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
