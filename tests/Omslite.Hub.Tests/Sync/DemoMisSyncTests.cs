using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Omslite.Hub.Demo;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Tests.Sync;

/// <summary>
/// The demo as <c>./omslite run</c> makes it — the sql-firebird plugin builds the sample clinic's embedded Firebird
/// database, the hub registers it as <c>demo-mis</c> and syncs it at start — and the syncs that follow in the same hub
/// process: a process the hub starts while it reads the MIS (OpenSSL, PostgreSQL's tools) must not lock the file
/// against them.
/// </summary>
public sealed class DemoMisSyncTests : IAsyncLifetime
{
    private readonly string _plugins = BuiltPlugins.Folder(("mis-connectors/SqlFirebird", "sql-firebird"));
    private TestHub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:PluginsDir"] = _plugins }, withDemo: true);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        TempDir.TryDelete(_plugins);
    }

    [Fact]
    public async Task The_demo_mis_syncs_at_start_and_again_and_again_after_a_process_started_during_a_sync()
    {
        var sourceId = await DemoSourceIdAsync();
        var atStart = await StartupRunAsync(sourceId);
        Assert.Equal(("start", "succeeded"), (atStart.Trigger, atStart.Status));
        Assert.True(atStart.New > 0);

        using var child = await StartChildWhileReadingAsync(sourceId);
        var again = await SyncAsync(sourceId);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var wholeMonth = await SyncAsync(sourceId, new ReportPeriod(today.Year, today.Month));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var later = await SyncAsync(sourceId);

        Assert.Equal((SyncRunResult.Succeeded, 0, (string?)null), (again.Status, again.Read, again.Error));
        Assert.Equal((SyncRunResult.Succeeded, (string?)null), (wholeMonth.Status, wholeMonth.Error));
        Assert.True(wholeMonth.Read >= atStart.New, $"the month's sync read {wholeMonth.Read} cases, the first one brought {atStart.New}");
        Assert.Equal((SyncRunResult.Succeeded, (string?)null), (later.Status, later.Error));
        Assert.DoesNotContain(Path.Combine(_hub.DataDir, "demo-mis", "sample-clinic.fdb"), child.OpenFiles());
    }

    [Fact]
    public async Task A_sample_left_by_an_older_version_is_built_again_at_start_and_read_from_the_start()
    {
        var sourceId = await DemoSourceIdAsync();
        Assert.Equal("succeeded", (await StartupRunAsync(sourceId)).Status);
        var sample = Path.Combine(_hub.DataDir, "demo-mis");
        var built = File.GetLastWriteTimeUtc(Path.Combine(sample, "sample-clinic.fdb"));
        // A demo data directory of a version before the marker: its sample has the old schema.
        File.Delete(Path.Combine(sample, DemoMisSource.MarkerFile));
        await using var conn = _hub.OpenConnection();
        var moId = await conn.ExecuteScalarAsync<int>("select id from mo where code = @MoCode", new { DemoSeeder.MoCode });

        var again = await _hub.Services.GetRequiredService<DemoMisSource>().EnsureAsync(moId, DemoSeeder.MoCode, default);

        Assert.Equal(sourceId, again);
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(sample, "sample-clinic.fdb")) > built);
        Assert.True(File.Exists(Path.Combine(sample, DemoMisSource.MarkerFile)));
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select watermark from mis_source where id = @sourceId", new { sourceId }));
        var sync = await SyncAsync(sourceId);
        Assert.Equal((SyncRunResult.Succeeded, (string?)null), (sync.Status, sync.Error));
        Assert.True(sync.Read > 0, "the rebuilt sample was read from the start");
        Assert.Equal(sourceId, await _hub.Services.GetRequiredService<DemoMisSource>().EnsureAsync(moId, DemoSeeder.MoCode, default));
        Assert.NotNull(await conn.ExecuteScalarAsync<string?>("select watermark from mis_source where id = @sourceId", new { sourceId }));
    }

    private async Task<int> DemoSourceIdAsync()
    {
        await using var conn = _hub.OpenConnection();
        return await conn.ExecuteScalarAsync<int>("select id from mis_source where name = @SourceName", new { DemoMisSource.SourceName });
    }

    /// <summary>The run the hub started with itself, once it is over.</summary>
    private async Task<(string Trigger, string Status, int New)> StartupRunAsync(int sourceId)
    {
        var runner = _hub.Services.GetRequiredService<SyncRunner>();
        for (var attempt = 0; runner.IsRunning(sourceId); attempt++)
        {
            Assert.True(attempt < 1200, "the start-up sync did not finish");
            await Task.Delay(100);
        }

        await using var conn = _hub.OpenConnection();
        return await conn.QuerySingleAsync<(string, string, int)>(
            "select trigger, status, new from sync_run where source_id = @sourceId order by id", new { sourceId });
    }

    /// <summary>Reads the MIS through the hub's own connector, as a sync does, and starts a child process meanwhile.</summary>
    private async Task<ChildProcess> StartChildWhileReadingAsync(int sourceId)
    {
        var connector = _hub.Services.GetRequiredService<PluginCatalog>().Get<IMisConnector>().Single(c => c.Id == DemoMisSource.Connector);
        var connection = await _hub.Services.GetRequiredService<SourceStore>().ConnectionAsync(sourceId, default);
        await using var reading = connector.PullAsync(new PullRequest(connection, null, null, null, BatchSize: 10), default).GetAsyncEnumerator();
        Assert.True(await reading.MoveNextAsync());
        return ChildProcess.Start("sleep", "600");
    }

    private Task<SyncRunResult> SyncAsync(int sourceId, ReportPeriod? month = null) =>
        _hub.Services.GetRequiredService<SyncEngine>().RunAsync(new SyncRequest(sourceId, "manual", "test", month, month), default);
}
