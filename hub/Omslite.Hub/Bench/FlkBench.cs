using System.Diagnostics;
using Npgsql;
using Omslite.Hub.Returns;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench flk --size N</c>: N sent visits of the bench MO's month and an FLK_P protocol with a refusal for each
/// (<see cref="ReturnFiles"/>), then, timed, its import through <see cref="FlkImport"/>, as the API and the CLI run it.
/// </summary>
public static class FlkBench
{
    public static async Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct)
    {
        await using var bench = await BenchHub.StartAsync("flkbench", connectionString, ct);
        var database = bench.Get<NpgsqlDataSource>();
        var seeding = Stopwatch.StartNew();
        var mo = await RegistryBenchData.SeedAsync(database, size, status: 2, log, ct);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        seeding.Restart();
        var name = ReturnFiles.ProtocolName(mo);
        var path = bench.Scratch(name);
        await ReturnFiles.WriteProtocolAsync(database, mo, path, ct);
        var fileSeconds = seeding.Elapsed.TotalSeconds;

        using var clock = new BenchClocks(new PhaseClock(), bench.CpuClock());
        var (import, result) = await BenchRun.TimeAsync("import", clock,
            () => bench.Get<FlkImport>().ImportAsync(mo.Id, name, () => File.OpenRead(path), "bench", ct));
        return new RegistryBenchResult("flk", size, seedSeconds, fileSeconds, [import], new Dictionary<string, long>
        {
            ["read"] = result.Read,
            ["records"] = result.Records,
            ["matched"] = result.Matched,
            ["unmatched"] = result.Unmatched,
            ["errors"] = result.Errors,
            ["reopened"] = result.Reopened,
            ["fileBytes"] = new FileInfo(path).Length,
        });
    }
}
