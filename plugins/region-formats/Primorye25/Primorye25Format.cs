using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>The plugin entry point: the registry format of TFOMS Primorsky Krai (region 25).</summary>
public sealed class Primorye25Format : IRegionFormat
{
    /// <inheritdoc />
    public string Id => "primorye-25";

    /// <inheritdoc />
    public string Name => "ТФОМС Приморского края (25)";

    /// <inheritdoc />
    public string Region => "25";

    /// <inheritdoc />
    public IReadOnlyList<FormatVersion> Versions { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<CaseProblem> Check(RegistryCase registryCase, RegistryMo mo) =>
        throw new NotImplementedException();

    /// <inheritdoc />
    public Task<PackResult> WritePackAsync(PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
