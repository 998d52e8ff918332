using System.Collections.Frozen;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml;

/// <summary>
/// The dated rules of one version of a format (D8): which file versions, schemas, tag sets and code sets apply from
/// which report period. A new TFOMS year is a new row of the format's <see cref="FormatTable"/> (and its XSDs), not a
/// date test in the code.
/// </summary>
public sealed record FormatRules
{
    /// <summary>The first report period these rules apply to.</summary>
    public required ReportPeriod ValidFrom { get; init; }

    /// <summary>The files of the pack by kind (<c>H</c>, <c>L</c>, and a region's own, e.g. <c>P</c>), in the order
    /// the format lists them.</summary>
    public required IReadOnlyDictionary<char, FileRules> Files { get; init; }

    /// <summary>The SOC codes accepted (§5.9).</summary>
    public required FrozenSet<int> SocCodes { get; init; }

    /// <summary>What changed, for the documentation.</summary>
    public required string Note { get; init; }

    /// <summary>The H file's rules.</summary>
    public FileRules H => Files['H'];

    /// <summary>The L file's rules.</summary>
    public FileRules L => Files['L'];

    /// <summary>Whether the H file has the tag in this version (it is not ignored).</summary>
    public bool HasH(string tag) => !H.Ignored.Contains(tag);
}

/// <summary>The rules of one file kind in one version.</summary>
/// <param name="Version">ZGLV/VERSION, or "—" for a file without one.</param>
/// <param name="Schema">The schema file the plugin ships for it (embedded as <c>xsd/&lt;name&gt;</c>).</param>
/// <param name="Required">The REQUIRED set: a name here is required at every level where it appears (§2.1).</param>
/// <param name="Ignored">The IGNORED set: never written.</param>
public sealed record FileRules(string Version, string Schema, FrozenSet<string> Required, FrozenSet<string> Ignored);

/// <summary>The versions of a format by report period.</summary>
/// <param name="formatName">How messages name the format, e.g. "ТФОМС 25".</param>
/// <param name="all">Every version, oldest first.</param>
public sealed class FormatTable(string formatName, IReadOnlyList<FormatRules> all)
{
    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<FormatRules> All { get; } = all;

    /// <summary>The versions as the SDK describes them.</summary>
    public IReadOnlyList<FormatVersion> Versions { get; } = all
        .Select(r => new FormatVersion(r.ValidFrom, r.Files.ToDictionary(f => f.Key.ToString(), f => f.Value.Version), r.Note))
        .ToList();

    /// <summary>The rules of a period, or null when the period is older than every version.</summary>
    public FormatRules? Find(ReportPeriod period) =>
        All.Where(r => (r.ValidFrom.Year, r.ValidFrom.Month).CompareTo((period.Year, period.Month)) <= 0)
            .MaxBy(r => (r.ValidFrom.Year, r.ValidFrom.Month));

    /// <summary>The rules of a period.</summary>
    /// <exception cref="RegionFormatException">The format does not serve the period.</exception>
    public FormatRules For(ReportPeriod period) =>
        Find(period) ?? throw new RegionFormatException(
            $"Формат {formatName} не описан для отчётного периода {period}: первый поддерживаемый — {All[0].ValidFrom}");
}
