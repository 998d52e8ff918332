using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Hub.Mo;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Hosting;

/// <summary>How the hub is started: by <c>serve</c> as it is, by <c>run</c> with the demo.</summary>
public sealed record HubStartRequest(string? Urls, bool WithDemo);

/// <summary>A started hub: the web host and the working database it holds.</summary>
public sealed class HubInstance(WebApplication app, WorkingDatabaseLease database, DemoSummary? demo) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public DemoSummary? Demo { get; } = demo;

    public IReadOnlyList<string> Urls => App.Urls.ToList();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>Starts the web host on the working database: the start-up order of docs/architecture.md.</summary>
public static class HubApplication
{
    public static async Task<int> RunAsync(HubStartRequest request, CancellationToken ct)
    {
        await using var hub = await StartAsync(request, overrides: null, ct);
        PrintWelcome(hub);
        await hub.App.WaitForShutdownAsync(ct);
        return 0;
    }

    /// <param name="overrides">Configuration that wins over appsettings and environment (tests, embedding).</param>
    public static async Task<HubInstance> StartAsync(
        HubStartRequest request, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // Under systemd: Type=notify readiness and journald-friendly log lines; as a Windows service: the SCM's
        // start/stop. Both do nothing when the hub runs in a console, a container or IIS.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        if (!string.IsNullOrWhiteSpace(request.Urls))
        {
            builder.WebHost.UseUrls(request.Urls);
        }

        var options = OmsliteOptions.From(builder.Configuration);
        using var bootLoggers = HubConfiguration.CreateLoggerFactory(builder.Configuration);
        var bootLog = bootLoggers.CreateLogger("Omslite.Hub");
        var database = await WorkingDatabaseLease.OpenAsync(builder.Configuration, bootLog, ct);
        try
        {
            builder.Services.AddHub(database, options);
            var app = builder.Build();
            DemoSummary? demo;
            await using (await StartupLock.AcquireAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), ct))
            {
                var migration = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
                bootLog.LogInformation("Working schema at version {Version}", migration.SchemaVersion);
                await app.Services.GetRequiredService<MoConfigurationSeeder>().ApplyAsync(options.Mo, ct);
                demo = request.WithDemo ? await app.Services.GetRequiredService<DemoSeeder>().EnsureAsync(ct) : null;
                await app.Services.GetRequiredService<SourceConfigurationSeeder>().ApplyAsync(options, ct);
            }

            // Load plugins now: a broken one is reported at start, not at the first request that needs it.
            _ = app.Services.GetRequiredService<PluginCatalog>();
            app.UseHub();
            await app.StartAsync(ct);
            if (demo is not null && await app.Services.GetRequiredService<DemoMisSource>().EnsureAsync(demo.MoId, demo.MoCode, ct) is { } demoSource)
            {
                // The demo syncs its MIS at start; the schedule takes over from there.
                app.Services.GetRequiredService<SyncRunner>().TryStart(new SyncRequest(demoSource, "start", "system"), out _);
            }

            return new HubInstance(app, database, demo);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static void PrintWelcome(HubInstance hub)
    {
        Console.WriteLine();
        foreach (var url in hub.Urls)
        {
            Console.WriteLine($"Omslite is running at {url}");
        }

        if (hub.Demo is { } demo)
        {
            Console.WriteLine($"Demo MO: {demo.MoCode} «{demo.MoName}»");
            if (demo.Login is not null)
            {
                Console.WriteLine($"Demo login: {demo.Login}   password: {demo.Password}");
            }
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
