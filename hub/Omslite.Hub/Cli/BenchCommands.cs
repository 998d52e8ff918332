using System.CommandLine;
using System.Globalization;
using System.Text;
using Omslite.Hub.Bench;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Cli;

/// <summary><c>bench api|sync|pack|flk|invoice</c>: the project's speed measurements (results go into docs/benchmarks.md).</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the hub's speed (results: docs/benchmarks.md)");
        var users = new Option<int>("--users") { Description = "Concurrent clients", DefaultValueFactory = _ => 50 };
        var seconds = new Option<int>("--seconds") { Description = "How long to drive them", DefaultValueFactory = _ => 60 };
        var visits = new Option<int>("--visits") { Description = "Visits in the bench database", DefaultValueFactory = _ => 100_000 };
        var think = new Option<int>("--think-ms") { Description = "Each client's pause between actions (0 = no pause: saturation)", DefaultValueFactory = _ => 1000 };
        var json = HubCommands.JsonOption();
        var api = new Command("api", "Drive login, review-list and visit-edit requests from concurrent clients on loopback") { users, seconds, visits, think, json };
        api.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var configuration = HubConfiguration.Load();
                using var loggers = HubConfiguration.CreateLoggerFactory(configuration);
                return await ApiBench.RunAsync(
                    new ApiBenchOptions(parse.GetValue(users), parse.GetValue(seconds), parse.GetValue(visits), configuration.GetConnectionString("Working") is { Length: > 0 } cs ? cs : null, parse.GetValue(think)),
                    loggers.CreateLogger("Omslite.Bench"), token);
            },
            Describe,
            ct));
        bench.Subcommands.Add(api);

        var size = new Option<int>("--size") { Description = "Services in each sample MIS", DefaultValueFactory = _ => 100_000 };
        var syncJson = HubCommands.JsonOption();
        var connector = new Option<string?>("--connector") { Description = "Only this connector (sql-postgresql or sql-firebird)" };
        var sync = new Command("sync", "Time a full sync and a no-change re-sync of sample MIS databases (PostgreSQL, Firebird)") { size, connector, syncJson };
        sync.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(syncJson),
            async token =>
            {
                var configuration = HubConfiguration.Load();
                using var loggers = HubConfiguration.CreateLoggerFactory(configuration);
                return new { results = await SyncBench.RunAsync(parse.GetValue(size), parse.GetValue(connector), configuration.GetConnectionString("Working") is { Length: > 0 } cs ? cs : null, loggers.CreateLogger("Omslite.Bench"), token) };
            },
            r => string.Join(Environment.NewLine, new[] { "| connector | services | cases | full sync s | hub CPU s | database CPU s | no-change re-sync s | peak MB | status |", "|---|---:|---:|---:|---:|---:|---:|---:|---|" }
                .Concat(r.results.Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"| {l.Connector} | {l.Services} | {l.Cases} | {l.FullSeconds:0.00} | {l.FullHubCpuSeconds:0.00} | {l.FullDatabaseCpuSeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—"} | {l.ResyncSeconds:0.00} | {l.PeakMegabytes} | {l.Status} |")))),
            ct));
        bench.Subcommands.Add(sync);
        bench.Subcommands.Add(Registry("pack", "Time checking and packing N visits of a month through the pack service (a private working database)", PackBench.RunAsync));
        bench.Subcommands.Add(Registry("flk", "Time importing an FLK protocol of N records matching N visits (a private working database)", FlkBench.RunAsync));
        bench.Subcommands.Add(Registry("invoice", "Time importing an invoice of N records and printing its XLSX register (a private working database)", InvoiceBench.RunAsync));
        return bench;
    }

    /// <summary><c>bench pack|flk|invoice [--size N] [--json]</c>.</summary>
    private static Command Registry(string name, string description, Func<int, string?, ILogger, CancellationToken, Task<RegistryBenchResult>> run)
    {
        var size = new Option<int>("--size") { Description = "Visits (and records of the file) in the bench month", DefaultValueFactory = _ => 100_000 };
        var json = HubCommands.JsonOption();
        var command = new Command(name, description) { size, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                if (parse.GetValue(size) < 1)
                {
                    throw new ArgumentException("--size must be at least 1");
                }

                var configuration = HubConfiguration.Load();
                using var loggers = HubConfiguration.CreateLoggerFactory(configuration);
                return await run(parse.GetValue(size), configuration.GetConnectionString("Working") is { Length: > 0 } cs ? cs : null,
                    loggers.CreateLogger("Omslite.Bench"), token);
            },
            result => result.Describe(),
            ct));
        return command;
    }

    private static string Describe(ApiBenchResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Users} clients, think time {result.ThinkMilliseconds} ms, {result.Seconds} s, {result.Visits:N0} visits (seeded in {result.SeedSeconds:0.0} s)");
        text.AppendLine("| request | count | errors | req/s | p50 ms | p95 ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in result.Requests)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Request} | {r.Count} | {r.Errors} | {r.PerSecond:0.0} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} |");
        }

        return text.ToString().TrimEnd();
    }
}
