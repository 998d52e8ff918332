using Omslite.Hub.Demo;
using Omslite.Hub.Mo;
using Omslite.Hub.Plugins;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Hosting;

/// <summary>How the hub is started: by <c>serve</c> as it is, by <c>run</c> with the demo.</summary>
public sealed record HubStartRequest(string? Urls, bool WithDemo);

/// <summary>Starts the web host on the working database and runs it until shutdown.</summary>
public static class HubApplication
{
    public static async Task<int> RunAsync(HubStartRequest request, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (!string.IsNullOrWhiteSpace(request.Urls))
        {
            builder.WebHost.UseUrls(request.Urls);
        }

        var options = OmsliteOptions.From(builder.Configuration);
        using var bootLoggers = HubConfiguration.CreateLoggerFactory(builder.Configuration);
        var bootLog = bootLoggers.CreateLogger("Omslite.Hub");
        await using var database = await WorkingDatabaseLease.OpenAsync(builder.Configuration, bootLog, ct);

        builder.Services.AddHub(database, options);
        await using var app = builder.Build();

        var migration = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        bootLog.LogInformation("Working schema at version {Version}", migration.SchemaVersion);
        await app.Services.GetRequiredService<MoConfigurationSeeder>().ApplyAsync(options.Mo, ct);
        DemoSummary? demo = null;
        if (request.WithDemo)
        {
            demo = await app.Services.GetRequiredService<DemoSeeder>().EnsureAsync(ct);
        }

        // Load plugins now: a broken one is reported at start, not at the first request that needs it.
        _ = app.Services.GetRequiredService<PluginCatalog>();
        app.UseHub();
        await app.StartAsync(ct);
        PrintWelcome(app, demo);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    private static void PrintWelcome(WebApplication app, DemoSummary? demo)
    {
        Console.WriteLine();
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Omslite is running at {url}");
        }

        if (demo is not null)
        {
            Console.WriteLine($"Demo MO: {demo.MoCode} «{demo.MoName}»");
            Console.WriteLine(demo.Login is null
                ? "Demo login: none yet (users and login arrive with the security issue)"
                : $"Demo login: {demo.Login} / password: {demo.Password}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
