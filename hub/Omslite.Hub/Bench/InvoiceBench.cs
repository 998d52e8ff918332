using System.Diagnostics;
using Npgsql;
using Omslite.Hub.Returns;

namespace Omslite.Hub.Bench;

/// <summary>
/// <c>bench invoice --size N</c>: N sent visits of the bench MO's month and an SMO invoice archive (HM/LM) of N
/// records (<see cref="ReturnFiles"/>), then, timed, its import through <see cref="InvoiceImport"/> with MEK marking
/// and the payer's XLSX register, as the API and the CLI run it.
/// </summary>
public static class InvoiceBench
{
    public static async Task<RegistryBenchResult> RunAsync(int size, string? connectionString, ILogger log, CancellationToken ct)
    {
        await using var bench = await BenchHub.StartAsync("invoicebench", connectionString, ct);
        var database = bench.Get<NpgsqlDataSource>();
        var seeding = Stopwatch.StartNew();
        var mo = await RegistryBenchData.SeedAsync(database, size, status: 2, log, ct);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        seeding.Restart();
        var name = ReturnFiles.InvoiceName(mo);
        var path = bench.Scratch(name);
        await ReturnFiles.WriteInvoiceAsync(database, mo, path, ct);
        var fileSeconds = seeding.Elapsed.TotalSeconds;

        using var clock = new BenchClocks(new PhaseClock(), bench.CpuClock());
        var (import, result) = await BenchRun.TimeAsync("import", clock,
            () => bench.Get<InvoiceImport>().ImportAsync(mo.Id, name, () => File.OpenRead(path), new InvoiceOptions(), "bench", ct));
        var register = bench.Get<ProducedFiles>().StoredPath(mo.Code, result.RegisterFile);
        return new RegistryBenchResult("invoice", size, seedSeconds, fileSeconds, [import], new Dictionary<string, long>
        {
            ["records"] = result.Records,
            ["mekRows"] = result.MekRows,
            ["mek"] = result.Mek,
            ["registerRows"] = result.RegisterRows,
            ["fileBytes"] = new FileInfo(path).Length,
            ["registerBytes"] = new FileInfo(register).Length,
        });
    }
}
