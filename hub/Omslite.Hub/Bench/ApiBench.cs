using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Security;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Bench;

/// <param name="ThinkMilliseconds">An operator's pause between two actions (0: clients hammer the hub, which
/// measures saturation throughput rather than what 50 people at their desks cause).</param>
public sealed record ApiBenchOptions(int Users, int Seconds, int Visits, string? ConnectionString, int ThinkMilliseconds);

public sealed record ApiBenchResult(int Users, int Seconds, int Visits, int ThinkMilliseconds, double SeedSeconds, IReadOnlyList<BenchLine> Requests)
{
    public int Errors => Requests.Sum(r => r.Errors);
}

/// <summary>
/// <c>bench api</c>: a hub on a database of <see cref="ApiBenchOptions.Visits"/> visits, driven over loopback by
/// concurrent clients that sign in, look at the overview and a stage's list, page through the review list, open visits
/// and save them, as operators do.
/// </summary>
public static class ApiBench
{
    private const string Password = "bench-password-1";

    public static async Task<ApiBenchResult> RunAsync(ApiBenchOptions options, ILogger log, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"omslite-bench-{Environment.ProcessId}");
        var settings = new Dictionary<string, string?>
        {
            ["Omslite:DataDir"] = dataDir,
            ["Omslite:PluginsDir"] = Path.Combine(dataDir, "plugins"),
            ["Omslite:Auth:LoginAttemptsPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (options.ConnectionString is not null)
        {
            settings["ConnectionStrings:Working"] = options.ConnectionString;
        }

        try
        {
            await using var hub = await HubApplication.StartAsync(new HubStartRequest("http://127.0.0.1:0", WithDemo: false), settings, ct);
            var database = hub.App.Services.GetRequiredService<NpgsqlDataSource>();
            var seeding = Stopwatch.StartNew();
            log.LogInformation("Seeding {Visits} visits", options.Visits);
            await BenchData.SeedAsync(database, options.Visits, ct);
            var accounts = hub.App.Services.GetRequiredService<UserAccounts>();
            for (var i = 0; i < options.Users; i++)
            {
                await accounts.AddAsync("system", $"bench{i}", Roles.Operator, Password, [BenchData.MoCode], ct);
            }

            var seedSeconds = seeding.Elapsed.TotalSeconds;
            log.LogInformation("Seeded in {Seconds:0.0} s; driving {Users} clients for {Duration} s", seedSeconds, options.Users, options.Seconds);
            var stats = new[]
            {
                new LatencyStats("login"), new LatencyStats("review list"), new LatencyStats("open visit"), new LatencyStats("save visit"),
                new LatencyStats("overview counts"), new LatencyStats("stage list"),
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, options.Users).Select(i => ClientAsync(hub.Urls[0], i, options.ThinkMilliseconds, stats, stop.Token)));
            var seconds = clock.Elapsed.TotalSeconds;
            return new ApiBenchResult(options.Users, options.Seconds, options.Visits, options.ThinkMilliseconds, seedSeconds, stats.Select(s => s.Summarise(seconds)).ToList());
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
    }

    /// <summary>
    /// One operator: signs in, then looks at a month's overview, opens one of its cards (a stage's list), pages the
    /// list, opens a visit and saves it; signs in again every 50 rounds.
    /// </summary>
    private static async Task ClientAsync(string baseUrl, int index, int thinkMilliseconds, LatencyStats[] stats, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var random = new Random(index);
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (round++ % 50 == 0)
                {
                    var login = await TimedAsync(stats[0], () => http.PostAsJsonAsync("/api/auth/login", new { login = $"bench{index}", password = Password }));
                    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                await Think(thinkMilliseconds, random, stop);
                var month = 1 + random.Next(12);
                await TimedAsync(stats[4], () => http.GetAsync($"/api/visits/counts?year=2026&month={month}"));
                await Think(thinkMilliseconds, random, stop);
                var stage = VisitStages.All[random.Next(VisitStages.All.Count)];
                await TimedAsync(stats[5], () => http.GetAsync($"/api/visits?year=2026&month={month}&state={stage}&sort=number"));
                await Think(thinkMilliseconds, random, stop);
                var list = await TimedAsync(stats[1], () => http.GetAsync($"/api/visits?year=2026&month={month}&page={1 + random.Next(20)}&sort=number"));
                var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
                if (items.GetArrayLength() == 0)
                {
                    continue;
                }

                var id = items[random.Next(items.GetArrayLength())].GetProperty("id").GetInt64();
                await Think(thinkMilliseconds, random, stop);
                var opened = await TimedAsync(stats[2], () => http.GetAsync($"/api/visits/{id}"));
                var visit = await opened.Content.ReadFromJsonAsync<JsonElement>();
                var fields = JsonSerializer.Deserialize<Dictionary<string, object?>>(visit.GetProperty("fields").GetRawText())!;
                fields["visitHome"] = random.Next(2);
                await Think(thinkMilliseconds, random, stop);
                await TimedAsync(stats[3], () => http.PutAsJsonAsync($"/api/visits/{id}", new { version = visit.GetProperty("version").GetInt32(), fields }),
                    acceptConflict: true);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>A pause of 50–150 % of the think time, so that clients do not march in step.</summary>
    private static Task Think(int milliseconds, Random random, CancellationToken stop) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(milliseconds / 2 + random.Next(milliseconds + 1), stop);

    /// <summary>Times one request; a 409 on save is a correct answer when two clients edit one visit.</summary>
    private static async Task<HttpResponseMessage> TimedAsync(LatencyStats stats, Func<Task<HttpResponseMessage>> request, bool acceptConflict = false)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await request();
        var ok = response.IsSuccessStatusCode || (acceptConflict && response.StatusCode == System.Net.HttpStatusCode.Conflict);
        stats.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
        return response;
    }
}
