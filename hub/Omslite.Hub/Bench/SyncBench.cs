using System.Diagnostics;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Bench;

/// <param name="FullHubCpuSeconds">CPU the hub process spent on the full sync (the embedded Firebird engine included).</param>
/// <param name="FullDatabaseCpuSeconds">CPU the embedded PostgreSQL spent on it (the sample PostgreSQL MIS included);
/// null with a configured server.</param>
public sealed record SyncBenchLine(
    string Connector, int Services, int Cases, double FullSeconds, double ResyncSeconds, long PeakMegabytes, string Status,
    double FullHubCpuSeconds, double? FullDatabaseCpuSeconds);

/// <summary>
/// <c>bench sync --size N</c>: for each sample-capable connector (PostgreSQL and Firebird), a sample MIS with N
/// services, a full sync into an empty MO and a no-change re-sync, timed, with the process's peak memory during the
/// two syncs (building the sample does not count: see <see cref="PeakMemory"/>).
/// </summary>
public static class SyncBench
{
    public static readonly string[] Connectors = ["sql-postgresql", "sql-firebird"];

    /// <param name="only">One connector to run (null: each of <see cref="Connectors"/>).</param>
    public static async Task<IReadOnlyList<SyncBenchLine>> RunAsync(int size, string? only, string? connectionString, ILogger log, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"omslite-syncbench-{Environment.ProcessId}");
        var settings = new Dictionary<string, string?>
        {
            ["Omslite:DataDir"] = dataDir,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (connectionString is not null)
        {
            settings["ConnectionStrings:Working"] = connectionString;
        }

        var lines = new List<SyncBenchLine>();
        try
        {
            await using var hub = await HubApplication.StartAsync(new HubStartRequest("http://127.0.0.1:0", WithDemo: false), settings, ct);
            var services = hub.App.Services;
            var database = services.GetRequiredService<NpgsqlDataSource>();
            var workingConnection = services.GetRequiredService<WorkingDatabase.WorkingDatabaseLease>().ConnectionString;
            var plugins = services.GetRequiredService<PluginCatalog>();
            var sources = services.GetRequiredService<SourceStore>();
            var engine = services.GetRequiredService<SyncEngine>();
            foreach (var (connector, index) in Connectors.Select((c, i) => (c, i)).Where(c => only is null || c.c == only))
            {
                if (plugins.Get<IMisConnector>().FirstOrDefault(c => c.Id == connector) is not ISampleSourceBuilder builder)
                {
                    log.LogWarning("Connector {Connector} is not loaded; skipped", connector);
                    continue;
                }

                var moCode = $"25088{index}";
                await using (var conn = await database.OpenConnectionAsync(ct))
                {
                    await using var create = new NpgsqlCommand(
                        $"insert into mo (code, short_code, name, region, okato) values ('{moCode}', '{moCode[3..]}', 'Бенчмарк {connector}', '25', '05000') returning id", conn);
                    var moId = (int)(await create.ExecuteScalarAsync(ct))!;
                    await using var books = new NpgsqlCommand(
                        $"insert into local_specialty (mo_id, spec, name, prvs, profil) values ({moId}, 63, 'Рентгенолог', 60, 78), ({moId}, 76, 'Терапевт', 76, 97)", conn);
                    await books.ExecuteNonQueryAsync(ct);
                    var location = connector == "sql-firebird"
                        ? Path.Combine(dataDir, "mis-firebird")
                        : workingConnection; // the builder creates its own sample database on this server
                    log.LogInformation("Building a {Connector} sample of {Size} services", connector, size);
                    var sample = await builder.BuildSampleAsync(new SampleSourceRequest(location, moCode, new ReportPeriod(2026, 1), size, WithNoise: false), ct);
                    var saved = await sources.SaveAsync(moId, "bench", null,
                        new SourceInput($"bench-{connector}", connector, sample.ConnectionString, null, new Dictionary<string, string>(sample.Settings), true), false, ct);
                    var sourceId = ((Api.SaveResult<SourceRecord>.Saved)saved).Value.Id;

                    log.LogInformation("Syncing {Connector}: a full sync, then a no-change re-sync", connector);
                    PeakMemory.Reset();
                    var cpu = new CpuClock(dataDir);
                    cpu.Start();
                    var clock = Stopwatch.StartNew();
                    var full = await engine.RunAsync(new SyncRequest(sourceId, "cli", "bench"), ct);
                    var fullSeconds = clock.Elapsed.TotalSeconds;
                    var fullCpu = cpu.Stop();
                    clock.Restart();
                    var again = await engine.RunAsync(new SyncRequest(sourceId, "cli", "bench"), ct);
                    var resyncSeconds = clock.Elapsed.TotalSeconds;
                    lines.Add(new SyncBenchLine(connector, size, full.New, fullSeconds, resyncSeconds,
                        PeakMemory.Megabytes(), $"{full.Status}/{again.Status}", fullCpu.HubSeconds, fullCpu.DatabaseSeconds));
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp dir is harmless
            }
        }

        return lines;
    }
}
