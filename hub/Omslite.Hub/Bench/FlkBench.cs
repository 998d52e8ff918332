using Omslite.Hub.Returns;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench flk --size N</c>: N sent visits of the bench MO's month and an FLK_P protocol with a refusal for each
/// (<see cref="ReturnFiles"/>), then, timed, its import through <see cref="FlkImport"/>, as the API and the CLI run it —
/// then once more, warm (the visits sent again between the two, untimed): a running hub's second protocol.
/// </summary>
public static class FlkBench
{
    public static Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct) =>
        RegistryBenchRun.RunAsync("flk", size, visitStatus: 2, connectionString, log, async (bench, token) =>
        {
            var name = ReturnFiles.ProtocolName(bench.Mo);
            var (path, fileSeconds) = await bench.WriteFileAsync(name, ReturnFiles.WriteProtocolAsync, token);
            var (import, result) = await BenchRun.TimeAsync("import", bench.Clocks,
                () => bench.Hub.Get<FlkImport>().ImportAsync(bench.Mo.Id, name, () => File.OpenRead(path), "bench", token));
            await bench.ResetVisitsAsync("update visit set status = 2 where mo_id = @moId and status = 1", token);
            var (warm, _) = await BenchRun.TimeAsync("import, warm", bench.Clocks,
                () => bench.Hub.Get<FlkImport>().ImportAsync(bench.Mo.Id, name, () => File.OpenRead(path), "bench", token));
            return new RegistryBenchOutcome([import, warm], fileSeconds, new Dictionary<string, long>
            {
                ["read"] = result.Read,
                ["records"] = result.Records,
                ["matched"] = result.Matched,
                ["unmatched"] = result.Unmatched,
                ["errors"] = result.Errors,
                ["reopened"] = result.Reopened,
                ["fileBytes"] = new FileInfo(path).Length,
            });
        }, ct);
}
