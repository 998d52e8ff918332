using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.Sync;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Demo;

/// <summary>
/// The demo's MIS: a sample Firebird database built by the <c>sql-firebird</c> plugin (a month of completed CT/MRI OMS
/// services of the demo MO, plus paid, cancelled and unfinished ones that must not come over, plus a few cases with
/// mistakes the region checks catch), registered as source <c>demo-mis</c>, synced every 15 minutes. A sample left by
/// an older version of Omslite is built again at start.
/// </summary>
public sealed class DemoMisSource(PluginCatalog plugins, SourceStore sources, OmsliteOptions options, TimeProvider clock, ILogger<DemoMisSource> log)
{
    public const string SourceName = "demo-mis";
    public const string Connector = "sql-firebird";

    /// <summary>The sample's marker file in its directory, holding <see cref="SampleVersion"/>.</summary>
    public const string MarkerFile = "sample-version";

    /// <summary>The shape of the connector's sample MIS the demo was built with: raised when the sample's schema or
    /// mapping changes, so that a data directory of an older demo gets a sample the shipped mapping can read.</summary>
    private const string SampleVersion = "2026-11 case stamp on the visit";

    private const int Services = 120;

    /// <summary>The source id, or null when the Firebird plugin is not available (the demo then runs without an MIS).</summary>
    public async Task<int?> EnsureAsync(int moId, string moCode, CancellationToken ct)
    {
        var location = Path.Combine(options.DataDir, "demo-mis");
        var marker = Path.Combine(location, MarkerFile);
        var existing = (await sources.ListAsync(moId, ct)).FirstOrDefault(s => s.Name == SourceName);
        if (existing is not null && File.Exists(marker) && (await File.ReadAllTextAsync(marker, ct)).Trim() == SampleVersion)
        {
            return existing.Id;
        }

        if (plugins.Get<IMisConnector>().FirstOrDefault(c => c.Id == Connector) is not ISampleSourceBuilder builder)
        {
            log.LogWarning("The demo MIS needs the {Connector} plugin; it is not loaded, so the demo has no MIS source", Connector);
            return existing?.Id;
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var connection = await builder.BuildSampleAsync(
            new SampleSourceRequest(location, moCode, new ReportPeriod(today.Year, today.Month), Services, WithNoise: true), ct);
        int? id;
        if (existing is not null)
        {
            // A sample of an older Omslite, which the shipped mapping cannot read: built again in place (same file,
            // same connection), and read from the start, since its change stamps start again.
            log.LogInformation("The demo MIS sample was built by an older version; built again, source {Source} reads it from the start", SourceName);
            await sources.ForgetWatermarkAsync(moId, existing.Id, "system", ct);
            id = existing.Id;
        }
        else
        {
            var saved = await sources.SaveAsync(moId, "system", null,
                new SourceInput(SourceName, Connector, connection.ConnectionString, "*/15 * * * *", new Dictionary<string, string>(connection.Settings), true),
                fromConfiguration: false, ct);
            id = saved is Api.SaveResult<SourceRecord>.Saved s ? s.Value.Id : null;
        }

        await File.WriteAllTextAsync(marker, SampleVersion, ct);
        return id;
    }
}
