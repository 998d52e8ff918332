using Coravel;
using Omslite.Hub.Api;
using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Hub.Health;
using Omslite.Hub.Mo;
using Omslite.Hub.Patients;
using Omslite.Hub.Plugins;
using Omslite.Hub.Scheduling;
using Omslite.Hub.Security;
using Omslite.Hub.Templates;
using Omslite.Hub.Visits;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Hosting;

/// <summary>Registers the hub's services and endpoints; every feature adds its own line here and nothing else.</summary>
public static class HubServices
{
    public static IServiceCollection AddHub(this IServiceCollection services, WorkingDatabaseLease database, OmsliteOptions options)
    {
        DapperSetup.Apply();
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
        services.AddSingleton<PatientStore>();
        services.AddSingleton<VisitStore>();
        services.AddSingleton<VisitHistory>();
        services.AddSingleton<VisitServiceStore>();
        services.AddSingleton<TemplateStore>();
        return services;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        app.Services.UseScheduler(s => s.Schedule<SchedulerHeartbeat>().EverySecond());
        app.UseApiErrors();
        app.UseHubSecurity();
        app.MapHealth();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.Read);
        api.MapAuth();
        api.MapPatients();
        api.MapVisits();
        api.MapVisitServices();
        api.MapTemplates();
        return app;
    }
}
