using Omslite.Hub.Registry;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench pack --size N</c>: N open visits of the bench MO's month, then, timed: reading the registry cases alone,
/// a check-only run, a pack (<c>pack build</c>) and a pack marked sent (<c>pack build --mark-sent</c>) — all through
/// <see cref="PackService"/>, as the API and the CLI run them — then the check and the pack once more, warm.
/// </summary>
public static class PackBench
{
    public static Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct) =>
        RegistryBenchRun.RunAsync("pack", size, visitStatus: 1, connectionString, log, async (bench, token) =>
        {
            var mo = bench.Mo;
            var service = bench.Hub.Get<PackService>();
            var (read, _) = await BenchRun.TimeAsync("read cases", bench.Clocks, async () =>
            {
                await using var conn = await bench.Database.OpenConnectionAsync(token);
                var cases = 0;
                await foreach (var _ in RegistryCaseReader.ReadAsync(conn, mo.Id, mo.Period, freshOnly: false, token))
                {
                    cases++;
                }

                return cases;
            });
            var (check, _) = await BenchRun.TimeAsync("check only", bench.Clocks,
                () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: false, FreshOnly: false, CheckOnly: true), token));
            var (packed, _) = await BenchRun.TimeAsync("check + pack", bench.Clocks,
                () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: false, FreshOnly: false, CheckOnly: false), token));
            var (pack, outcome) = await BenchRun.TimeAsync("check + pack, mark sent", bench.Clocks,
                () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: true, FreshOnly: false, CheckOnly: false), token));
            // The same runs again in a process that has run them once: what the hub serving the UI does, without the
            // first run's compiling of its code (the JIT column). The visits are sent now; a pack still selects them.
            var (checkAgain, _) = await BenchRun.TimeAsync("check only, warm", bench.Clocks,
                () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: false, FreshOnly: false, CheckOnly: true), token));
            var (packedAgain, _) = await BenchRun.TimeAsync("check + pack, warm", bench.Clocks,
                () => service.RunAsync(mo.Id, "bench", new PackOptions(mo.Period, 1, MarkSent: false, FreshOnly: false, CheckOnly: false), token));
            return new RegistryBenchOutcome([read, check, packed, pack, checkAgain, packedAgain], 0, new Dictionary<string, long>
            {
                ["records"] = outcome.Records,
                ["persons"] = outcome.Persons,
                ["excluded"] = outcome.Excluded,
                ["markedSent"] = outcome.MarkedSent,
                ["zipBytes"] = outcome.StoredPath is { } path ? new FileInfo(path).Length : 0,
            });
        }, ct);
}
