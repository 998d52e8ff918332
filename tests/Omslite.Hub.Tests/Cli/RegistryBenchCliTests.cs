using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Tests.Registry;

namespace Omslite.Hub.Tests.Cli;

/// <summary>
/// <c>bench pack|flk|invoice --size N</c> as an admin runs them, on a tiny N: each seeds its own private database on
/// the configured server (and drops it), runs the operation through the hub's services with the primorye-25 plugin
/// and prints its runs, phases and counts. No timing is asserted: the numbers go to docs/benchmarks.md.
/// </summary>
public sealed class RegistryBenchCliTests : IAsyncLifetime
{
    private const int Size = 200;

    private string _server = "";
    private string _plugins = "";

    public async Task InitializeAsync()
    {
        _server = await TestPostgres.CreateDatabaseAsync();
        _plugins = PackHubFixture.PublishPlugin();
    }

    public Task DisposeAsync()
    {
        TempDir.TryDelete(_plugins);
        return Task.CompletedTask;
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__Working"] = _server,
        ["Omslite__PluginsDir"] = _plugins,
    };

    private async Task<JsonElement> RunAsync(string bench)
    {
        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(Environment(), "bench", bench, "--size", Size.ToString(), "--json");

        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    /// <summary>The private databases a bench left on the server: none.</summary>
    private async Task<IReadOnlyList<string>> LeftoverDatabasesAsync(string bench)
    {
        await using var conn = new NpgsqlConnection(_server);
        return (await conn.QueryAsync<string>("select datname from pg_database where datname like @name", new { name = $"omslite\\_{bench}bench\\_%" })).ToList();
    }

    private static Dictionary<string, long> Counts(JsonElement result) =>
        result.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static IReadOnlyList<string> Phases(JsonElement run) =>
        run.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task Bench_pack_times_reading_a_check_a_pack_and_a_marked_pack_of_the_seeded_month()
    {
        var result = await RunAsync("pack");

        Assert.Equal(("pack", Size), (result.GetProperty("bench").GetString(), result.GetProperty("size").GetInt32()));
        Assert.True(result.GetProperty("seedSeconds").GetDouble() > 0);
        var runs = result.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(
            ["read cases", "check only", "check + pack", "check + pack, mark sent", "check only, warm", "check + pack, warm"],
            runs.Select(r => r.GetProperty("name").GetString()));
        Assert.All(runs, r =>
        {
            Assert.True(r.GetProperty("seconds").GetDouble() > 0);
            Assert.True(r.GetProperty("cpu").GetProperty("hubSeconds").GetDouble() >= 0);
            Assert.True(r.GetProperty("cpu").GetProperty("jitSeconds").GetDouble() >= 0);
            Assert.True(r.GetProperty("peakMegabytes").GetInt64() >= r.GetProperty("startMegabytes").GetInt64());
        });
        // The history and the marking run while the zip is written: the phases end in no fixed order.
        Assert.Equal(
            new[] { "format.build", "format.validate", "format.zip", "pack.write", "pack.history", "pack.mark-sent", "pack.store", "pack.commit" }.Order(),
            Phases(runs[3]).Order());
        Assert.DoesNotContain("pack.mark-sent", Phases(runs[2]));
        // Every 100th visit lacks its diagnosis: 2 of 200 are excluded, the rest are packed and marked sent.
        var counts = Counts(result);
        Assert.Equal((198, 2, 198), (counts["records"], counts["excluded"], counts["markedSent"]));
        Assert.InRange(counts["persons"], 1, 198);
        Assert.True(counts["zipBytes"] > 0);
        Assert.Empty(await LeftoverDatabasesAsync("pack"));
    }

    [Fact]
    public async Task Bench_flk_imports_a_protocol_with_a_refusal_for_every_visit()
    {
        var result = await RunAsync("flk");

        Assert.Equal("flk", result.GetProperty("bench").GetString());
        var runs = result.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["import", "import, warm"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.All(runs, import => Assert.Equal(["flk.read", "flk.match", "flk.store", "flk.reopen", "flk.commit"], Phases(import)));
        // Every visit refused once, every 50th twice; the ignored 824 of every 10th is not stored.
        var counts = Counts(result);
        Assert.Equal((Size, Size, Size, 0L, Size + Size / 50, Size), (counts["read"], counts["records"], counts["matched"], counts["unmatched"], counts["errors"], counts["reopened"]));
        Assert.Empty(await LeftoverDatabasesAsync("flk"));
    }

    [Fact]
    public async Task Bench_invoice_imports_an_invoice_of_every_visit_and_prints_its_register()
    {
        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(Environment(), "bench", "invoice", "--size", Size.ToString());

        Assert.True(exit == 0, stderr);
        var lines = stdout.ReplaceLineEndings("\n").Trim().Split('\n');
        Assert.StartsWith($"bench invoice, N = {Size}: seeded in ", lines[0]);
        Assert.Equal("| run | wall s | hub CPU s | of it JIT s | database CPU s | start MB | peak MB | phases s |", lines[1]);
        foreach (var (line, run) in new[] { (lines[3], "import"), (lines[4], "import, warm") })
        {
            Assert.Matches($@"^\| {run} \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| (—|[0-9.]+) \| \d+ \| \d+ \| invoice\.read [0-9.]+, invoice\.match [0-9.]+, invoice\.mark [0-9.]+, invoice\.register [0-9.]+, invoice\.store [0-9.]+, invoice\.commit [0-9.]+ \|$", line);
        }

        // Every 33rd record is refused at MEK (SUMP 0.00): 6 of 200, all marked.
        Assert.StartsWith($"records {Size}, mekRows 6, mek 6, registerRows {Size}, fileBytes ", lines[5]);
        Assert.Empty(await LeftoverDatabasesAsync("invoice"));
    }
}
