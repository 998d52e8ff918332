using Coravel;
using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Hub.Health;
using Omslite.Hub.Mo;
using Omslite.Hub.Plugins;
using Omslite.Hub.ReferenceBooks.Api;
using Omslite.Hub.Scheduling;
using Omslite.Hub.Security;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Hosting;

/// <summary>Registers the hub's services and endpoints; every feature adds its own line here and nothing else.</summary>
public static class HubServices
{
    public static IServiceCollection AddHub(this IServiceCollection services, WorkingDatabaseLease database, OmsliteOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<MoConfigurationSeeder>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton(sp => PluginCatalog.Load(
            options.ResolvedPluginsDir, sp.GetRequiredService<ILoggerFactory>().CreateLogger<PluginCatalog>()));
        services.AddSingleton<SchedulerState>();
        services.AddTransient<SchedulerHeartbeat>();
        services.AddScheduler();
        services.AddHubSecurity(options);
        return services;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        app.Services.UseScheduler(s => s.Schedule<SchedulerHeartbeat>().EverySecond());
        app.UseHubSecurity();
        app.MapHealth();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.Read);
        api.MapAuth();
        api.MapReferenceBooks();
        api.MapMo();
        return app;
    }
}
