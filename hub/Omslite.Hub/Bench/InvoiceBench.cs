using Omslite.Hub.Returns;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench invoice --size N</c>: N sent visits of the bench MO's month and an SMO invoice archive (HM/LM) of N
/// records (<see cref="ReturnFiles"/>), then, timed, its import through <see cref="InvoiceImport"/> with MEK marking
/// and the payer's XLSX register, as the API and the CLI run it — then once more, warm (the refused visits sent again
/// and unmarked between the two, untimed): a running hub's second invoice.
/// </summary>
public static class InvoiceBench
{
    public static Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct) =>
        RegistryBenchRun.RunAsync("invoice", size, visitStatus: 2, connectionString, log, async (bench, token) =>
        {
            var name = ReturnFiles.InvoiceName(bench.Mo);
            var (path, fileSeconds) = await bench.WriteFileAsync(name, ReturnFiles.WriteInvoiceAsync, token);
            var (import, result) = await BenchRun.TimeAsync("import", bench.Clocks,
                () => bench.Hub.Get<InvoiceImport>().ImportAsync(bench.Mo.Id, name, () => File.OpenRead(path), new InvoiceOptions(), "bench", token));
            var register = bench.Hub.Get<ProducedFiles>().StoredPath(bench.Mo.Code, result.RegisterFile);
            var registerBytes = new FileInfo(register).Length;
            await bench.ResetVisitsAsync("update visit set status = 2, mek = false where mo_id = @moId and mek", token);
            var (warm, _) = await BenchRun.TimeAsync("import, warm", bench.Clocks,
                () => bench.Hub.Get<InvoiceImport>().ImportAsync(bench.Mo.Id, name, () => File.OpenRead(path), new InvoiceOptions(), "bench", token));
            return new RegistryBenchOutcome([import, warm], fileSeconds, new Dictionary<string, long>
            {
                ["records"] = result.Records,
                ["mekRows"] = result.MekRows,
                ["mek"] = result.Mek,
                ["registerRows"] = result.RegisterRows,
                ["fileBytes"] = new FileInfo(path).Length,
                ["registerBytes"] = registerBytes,
            });
        }, ct);
}
