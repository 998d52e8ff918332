using System.Diagnostics;
using Npgsql;

namespace Omslite.Hub.Bench;

/// <summary>What a registry bench has to work with: its hub, the database, the seeded MO and month, the clocks.</summary>
internal sealed record RegistryBenchContext(BenchHub Hub, NpgsqlDataSource Database, RegistryBenchMo Mo, BenchClocks Clocks)
{
    /// <summary>Writes an input file (what TFOMS would send) into the bench's scratch folder; its path and how long it took.</summary>
    public async Task<(string Path, double Seconds)> WriteFileAsync(
        string name, Func<NpgsqlDataSource, RegistryBenchMo, string, CancellationToken, Task> write, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var path = Hub.Scratch(name);
        await write(Database, Mo, path, ct);
        return (path, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Untimed, between a run and its warm repeat: puts the month's visits back as the first run found them
    /// (<paramref name="sql"/>, given <c>@moId</c>) and vacuums them, as autovacuum would leave them.
    /// </summary>
    public async Task ResetVisitsAsync(string sql, CancellationToken ct)
    {
        await using var conn = await Database.OpenConnectionAsync(ct);
        await using (var reset = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 })
        {
            reset.Parameters.AddWithValue("moId", Mo.Id);
            await reset.ExecuteNonQueryAsync(ct);
        }

        await using var vacuum = new NpgsqlCommand("vacuum analyze visit", conn) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The timed runs of a registry bench, the seconds its input file took, and the counts of its main run.</summary>
internal sealed record RegistryBenchOutcome(IReadOnlyList<BenchRun> Runs, double FileSeconds, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// The frame of <c>bench pack|flk|invoice</c>: a bench hub on a private working database, N visits of the bench
/// MO's month seeded (<see cref="RegistryBenchData"/>), then the bench's own timed runs.
/// </summary>
internal static class RegistryBenchRun
{
    public static async Task<RegistryBenchResult> RunAsync(
        string bench, int size, int visitStatus, string? connectionString, ILogger log,
        Func<RegistryBenchContext, CancellationToken, Task<RegistryBenchOutcome>> timed, CancellationToken ct)
    {
        await using var hub = await BenchHub.StartAsync(bench + "bench", connectionString, ct);
        var database = hub.Get<NpgsqlDataSource>();
        var seeding = Stopwatch.StartNew();
        var mo = await RegistryBenchData.SeedAsync(database, size, visitStatus, log, ct);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        using var clocks = new BenchClocks(new PhaseClock(), hub.CpuClock());
        var outcome = await timed(new RegistryBenchContext(hub, database, mo, clocks), ct);
        return new RegistryBenchResult(bench, size, seedSeconds, outcome.FileSeconds, outcome.Runs, outcome.Counts);
    }
}
