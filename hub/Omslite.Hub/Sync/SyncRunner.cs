using System.Collections.Concurrent;

namespace Omslite.Hub.Sync;

/// <summary>
/// Runs syncs in the background for the API's "Синхронизировать" and the schedule, one per source in this hub (the
/// engine's advisory lock covers the other hubs). On shutdown the running syncs are cancelled and awaited: each stops
/// after its last committed batch and records itself as interrupted.
/// </summary>
public sealed class SyncRunner(SyncEngine engine, ILogger<SyncRunner> log) : IHostedService
{
    private readonly ConcurrentDictionary<int, Task<SyncRunResult>> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts a run unless this hub already runs that source.</summary>
    public bool TryStart(SyncRequest request, out Task<SyncRunResult> run)
    {
        var started = false;
        run = _running.GetOrAdd(request.SourceId, _ =>
        {
            started = true;
            return Task.Run(() => RunAsync(request));
        });
        return started;
    }

    public bool IsRunning(int sourceId) => _running.ContainsKey(sourceId);

    private async Task<SyncRunResult> RunAsync(SyncRequest request)
    {
        try
        {
            return await engine.RunAsync(request, _stopping.Token);
        }
        catch (Exception ex) when (ex is SyncAlreadyRunningException or InvalidOperationException)
        {
            log.LogInformation("Sync of source {SourceId} not started: {Reason}", request.SourceId, ex.Message);
            return new SyncRunResult("", "skipped", 0, 0, 0, 0, 0, 0, 0, 0, ex.Message);
        }
        finally
        {
            _running.TryRemove(request.SourceId, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task all = Task.WhenAll(_running.Values);
        await all.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
