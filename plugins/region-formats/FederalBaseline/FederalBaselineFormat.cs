using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The plugin entry point: the federal H/L registry pair (FFOMS order No. 173) with no region's rules — the receiver
/// and the constants from the MO settings, the payment values from the visit or the MO — built from the shared
/// RegistryXml blocks to show that a region is a small delta on them. README.md lists what it writes and checks.
/// </summary>
public sealed class FederalBaselineFormat : IRegionFormat
{
    private static readonly IReadOnlySet<string> NoPersons = new HashSet<string>();
    private readonly Schemas _schemas = new(typeof(FederalBaselineFormat).Assembly);

    /// <inheritdoc />
    public string Id => "federal-baseline";

    /// <inheritdoc />
    public string Name => "Федеральный формат H/L (базовый)";

    /// <summary>No region of its own: the receiver is each MO's region code. "00" stands for "any".</summary>
    public string Region => "00";

    /// <inheritdoc />
    public IReadOnlyList<FormatVersion> Versions => BaselineVersions.Table.Versions;

    /// <inheritdoc />
    public IReadOnlyList<CaseProblem> Check(RegistryCase registryCase, RegistryMo mo)
    {
        var rules = BaselineVersions.Table.For(registryCase.ReportPeriod);
        var outcome = BaselineCase.Build(registryCase, BaselineSettings.From(mo, rules), rules, NoPersons);
        return outcome.Problem is { } problem ? [problem] : [];
    }

    /// <inheritdoc />
    public Task<PackResult> WritePackAsync(PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, CancellationToken cancellationToken)
    {
        PackWriter.CheckRequest(request);
        var rules = BaselineVersions.Table.For(request.Period);
        var layout = new BaselinePack(request, BaselineSettings.From(request.Mo, rules), rules);
        return PackWriter.RunAsync(request, layout, cases, output, _schemas, cancellationToken);
    }
}
