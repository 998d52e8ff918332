using Coravel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Omslite.Hub.Api;
using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Hub.Health;
using Omslite.Hub.Mo;
using Omslite.Hub.Patients;
using Omslite.Hub.Plugins;
using Omslite.Hub.ReferenceBooks;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.ReferenceBooks.Api;
using Omslite.Hub.Registry;
using Omslite.Hub.Returns;
using Omslite.Hub.Scheduling;
using Omslite.Hub.Security;
using Omslite.Hub.Signing;
using Omslite.Hub.Sync;
using Omslite.Hub.Templates;
using Omslite.Hub.Visits;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Hosting;

/// <summary>Registers the hub's services and endpoints; every feature adds its own line here and nothing else.</summary>
public static class HubServices
{
    /// <summary>workflows.md §1.3: uploads up to 50 MiB.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    public static IServiceCollection AddHub(this IServiceCollection services, WorkingDatabaseLease database, OmsliteOptions options)
    {
        DapperSetup.Apply();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxUploadBytes);
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = MaxUploadBytes);
        services.Configure<IISServerOptions>(iis => iis.MaxRequestBodySize = MaxUploadBytes);
        services.AddProxyHeaders(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(database);
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
        services.AddSingleton<VisitCounter>();
        services.AddSingleton<VisitHistory>();
        services.AddSingleton<VisitServiceStore>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<ReferenceImporter>();
        services.AddSingleton(SecretProtector.Create(options));
        services.AddSingleton<SourceStore>();
        services.AddSingleton<SourceConfigurationSeeder>();
        services.AddSingleton<ReferenceBookMerger>();
        services.AddSingleton<SyncEngine>();
        services.AddSingleton<SyncRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncRunner>());
        services.AddTransient<SyncScheduler>();
        services.AddSingleton<DemoMisSource>();
        services.AddPackSigning(options);
        services.AddSingleton<PackService>();
        services.AddSingleton<PackStore>();
        services.AddReturns();
        return services;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        app.Services.UseScheduler(s =>
        {
            s.Schedule<SchedulerHeartbeat>().EverySecond();
            s.Schedule<SyncScheduler>().EveryMinute();
        });
        app.UseProxyHeaders();
        app.UseApiErrors();
        app.UseWebUi();
        app.UseHubSecurity();
        app.MapHealth();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.Read);
        api.MapAuth();
        api.MapUsers();
        api.MapPatients();
        api.MapVisits();
        api.MapVisitServices();
        api.MapTemplates();
        api.MapNsiImport();
        api.MapReferenceBooks();
        api.MapMo();
        api.MapSources();
        api.MapVisitSource();
        api.MapPacks();
        api.MapPackSigningKey();
        api.MapReturns();
        return app;
    }
}
