using System.Globalization;
using Omslite.RegionFormats.RegistryXml;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>The names of registry-pack-25.md §1.2 for one MO, month and pack number (type <c>xml</c>, digit 0): the
/// federal grammar with the region's sequence part <c>{S}{N}</c>, the P file, the zip and SCHET names.</summary>
internal sealed record PackNames(MoSettings Settings, ReportPeriod Period, int Number)
{
    /// <summary>The type digit of the pack type <c>xml</c>, the only one used in production.</summary>
    public const int TypeDigit = 0;

    /// <summary>The federal names with the sequence part <c>{S}{N}</c>.</summary>
    public RegistryFileNames Files =>
        new(Settings.MoCode, Settings.RegionCode, Period, Settings.ShortMo + Number.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>M{MO}T{region}_{YY}{MM}{S}{N}</c>, e.g. <c>M250999T25_21119991</c>.</summary>
    public string Stem => Files.Stem;

    /// <summary>The H file name without <c>.xml</c>.</summary>
    public string H => Files.H;

    /// <summary>The L file name without <c>.xml</c>.</summary>
    public string L => Files.L;

    /// <summary>The P file name without <c>.xml</c>.</summary>
    public string P => Files.Of('P');

    /// <summary><c>H{MO}{Y}{MM}{T}{N}.zip</c>, Y the last digit of the year, e.g. <c>H25099911101.zip</c>.</summary>
    public string Zip => $"H{Settings.MoCode}{Period.Year % 10}{Files.Mm}{TypeDigit}{Number}.zip";

    /// <summary>SCHET/CODE: <c>{S}{YY}{MM}</c>.</summary>
    public string SchetCode => $"{Settings.ShortMo}{Files.Yy}{Files.Mm}";

    /// <summary>SCHET/NSCHET: <c>{S}{YY}{MM}{N}</c>.</summary>
    public string Nschet => SchetCode + Number.ToString(CultureInfo.InvariantCulture);
}
