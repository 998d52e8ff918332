using System.Globalization;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>The names of registry-pack-25.md §1.2 for one MO, month and pack number (type <c>xml</c>, digit 0).</summary>
internal sealed record PackNames(RegionSettings Settings, ReportPeriod Period, int Number)
{
    /// <summary>The type digit of the pack type <c>xml</c>, the only one used in production.</summary>
    public const int TypeDigit = 0;

    private string Yy => (Period.Year % 100).ToString("00", CultureInfo.InvariantCulture);

    private string Mm => Period.Month.ToString("00", CultureInfo.InvariantCulture);

    /// <summary><c>M{MO}T{region}_{YY}{MM}{S}{N}</c>, e.g. <c>M250999T25_21119991</c>.</summary>
    public string Stem => $"M{Settings.MoCode}T{Settings.RegionCode}_{Yy}{Mm}{Settings.ShortMo}{Number}";

    /// <summary>The H file name without <c>.xml</c>.</summary>
    public string H => "H" + Stem;

    /// <summary>The L file name without <c>.xml</c>.</summary>
    public string L => "L" + Stem;

    /// <summary>The P file name without <c>.xml</c>.</summary>
    public string P => "P" + Stem;

    /// <summary><c>H{MO}{Y}{MM}{T}{N}.zip</c>, Y the last digit of the year, e.g. <c>H25099911101.zip</c>.</summary>
    public string Zip => $"H{Settings.MoCode}{Period.Year % 10}{Mm}{TypeDigit}{Number}.zip";

    /// <summary>SCHET/CODE: <c>{S}{YY}{MM}</c>.</summary>
    public string SchetCode => $"{Settings.ShortMo}{Yy}{Mm}";

    /// <summary>SCHET/NSCHET: <c>{S}{YY}{MM}{N}</c>.</summary>
    public string Nschet => SchetCode + Number.ToString(CultureInfo.InvariantCulture);
}
