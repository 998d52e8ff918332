using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Demo;

/// <summary>
/// The demo's MIS: a sample Firebird database built by the <c>sql-firebird</c> plugin (a month of completed CT/MRI OMS
/// services of the demo MO, plus paid, cancelled and unfinished ones that must not come over, plus a few cases with
/// mistakes the region checks catch), registered as source <c>demo-mis</c>, synced every 15 minutes.
/// </summary>
public sealed class DemoMisSource(PluginCatalog plugins, SourceStore sources, OmsliteOptions options, TimeProvider clock, ILogger<DemoMisSource> log)
{
    public const string SourceName = "demo-mis";
    public const string Connector = "sql-firebird";
    private const int Services = 120;

    /// <summary>The source id, or null when the Firebird plugin is not available (the demo then runs without an MIS).</summary>
    public async Task<int?> EnsureAsync(int moId, string moCode, CancellationToken ct)
    {
        var existing = (await sources.ListAsync(moId, ct)).FirstOrDefault(s => s.Name == SourceName);
        if (existing is not null)
        {
            return existing.Id;
        }

        if (plugins.Get<IMisConnector>().FirstOrDefault(c => c.Id == Connector) is not ISampleSourceBuilder builder)
        {
            log.LogWarning("The demo MIS needs the {Connector} plugin; it is not loaded, so the demo has no MIS source", Connector);
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var connection = await builder.BuildSampleAsync(
            new SampleSourceRequest(Path.Combine(options.DataDir, "demo-mis"), moCode, new ReportPeriod(today.Year, today.Month), Services, WithNoise: true), ct);
        var saved = await sources.SaveAsync(moId, "system", null,
            new SourceInput(SourceName, Connector, connection.ConnectionString, "*/15 * * * *", new Dictionary<string, string>(connection.Settings), true),
            fromConfiguration: false, ct);
        return saved is Api.SaveResult<SourceRecord>.Saved s ? s.Value.Id : null;
    }
}
