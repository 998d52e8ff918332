using System.Diagnostics;
using Npgsql;
using Omslite.Hub.Registry;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench pack --size N</c>: N visits of the bench MO's month (<see cref="RegistryBenchData"/>), then, timed: reading
/// the registry cases alone, a check-only run and a pack marked sent — both through <see cref="PackService"/>, as
/// the API and the CLI run them.
/// </summary>
public static class PackBench
{
    public static async Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct)
    {
        await using var bench = await BenchHub.StartAsync("packbench", connectionString, ct);
        var database = bench.Get<NpgsqlDataSource>();
        var seeding = Stopwatch.StartNew();
        var mo = await RegistryBenchData.SeedAsync(database, size, status: 1, log, ct);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var service = bench.Get<PackService>();
        using var clock = new BenchClocks(new PhaseClock(), bench.CpuClock());
        var (read, _) = await BenchRun.TimeAsync("read cases", clock, async () =>
        {
            await using var conn = await database.OpenConnectionAsync(ct);
            var cases = 0;
            await foreach (var _ in RegistryCaseReader.ReadAsync(conn, mo.Id, mo.Period, freshOnly: false, ct))
            {
                cases++;
            }

            return cases;
        });
        var (check, _) = await BenchRun.TimeAsync("check only", clock,
            () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: false, FreshOnly: false, CheckOnly: true), ct));
        var (pack, outcome) = await BenchRun.TimeAsync("check + pack, mark sent", clock,
            () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: true, FreshOnly: false, CheckOnly: false), ct));
        return new RegistryBenchResult("pack", size, seedSeconds, 0, [read, check, pack], new Dictionary<string, long>
        {
            ["records"] = outcome.Records,
            ["persons"] = outcome.Persons,
            ["excluded"] = outcome.Excluded,
            ["markedSent"] = outcome.MarkedSent,
            ["zipBytes"] = outcome.StoredPath is { } path ? new FileInfo(path).Length : 0,
        });
    }
}
