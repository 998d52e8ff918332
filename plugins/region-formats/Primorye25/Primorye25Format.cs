using Omslite.RegionFormats.Primorye25.Writing;
using Omslite.RegionFormats.RegistryXml.Checks;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>
/// The plugin entry point: the registry format of TFOMS Primorsky Krai (region 25) — the check chain and the HM/LM/PM
/// registry pack of registry-pack-25.md. README.md lists every check, computed field, version and choice.
/// </summary>
public sealed class Primorye25Format : IRegionFormat
{
    private static readonly IReadOnlySet<string> NoPersons = new HashSet<string>();
    private readonly Schemas _schemas;

    /// <summary>The format with the schemas it ships.</summary>
    public Primorye25Format()
        : this(new Schemas(typeof(Primorye25Format).Assembly))
    {
    }

    internal Primorye25Format(Schemas schemas) => _schemas = schemas;

    /// <inheritdoc />
    public string Id => "primorye-25";

    /// <inheritdoc />
    public string Name => "ТФОМС Приморского края (25)";

    /// <inheritdoc />
    public string Region => "25";

    /// <inheritdoc />
    public IReadOnlyList<FormatVersion> Versions => RegionVersions.Table.Versions;

    /// <inheritdoc />
    public IReadOnlyList<CaseProblem> Check(RegistryCase registryCase, RegistryMo mo)
    {
        var (settings, rules) = PackRun.Settings(mo, registryCase.ReportPeriod);
        return VisitWriter.Build(registryCase, settings, rules, CheckMode.Check, NoPersons).Problem is { } problem ? [problem] : [];
    }

    /// <inheritdoc />
    public Task<PackResult> WritePackAsync(PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, CancellationToken cancellationToken) =>
        PackRun.RunAsync(request, cases, output, _schemas, cancellationToken);
}
