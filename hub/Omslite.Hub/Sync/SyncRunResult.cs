namespace Omslite.Hub.Sync;

/// <summary>
/// The outcome of one run, as <c>omslite sync --json</c> prints it:
/// <c>{"source","status","read","new","updated","unchanged","conflicts","skipped","failed"}</c> (+ run id and error).
/// </summary>
public sealed record SyncRunResult(
    string Source, string Status, int Read, int New, int Updated, int Unchanged, int Conflicts, int Skipped, int Failed,
    long RunId, string? Error)
{
    public const string Succeeded = "succeeded";
    public const string Partial = "partial";
    public const string FailedStatus = "failed";

    public static SyncRunResult From(string source, string status, SyncCounts counts, long runId, string? error) =>
        new(source, status, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Conflicts, counts.Skipped, counts.Failed, runId, error);
}

/// <summary>Another run of the same source holds its lock (in this hub or another one).</summary>
public sealed class SyncAlreadyRunningException(string source)
    : InvalidOperationException($"Синхронизация источника «{source}» уже выполняется");
