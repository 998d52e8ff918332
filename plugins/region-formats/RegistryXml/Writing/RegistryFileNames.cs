using System.Globalization;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// The federal file-name grammar (FFOMS order No. 173; registry-pack-25.md §1.2, §7): <c>{kind}M{MO}T{receiver}_{YY}{MM}{sequence}</c>,
/// e.g. <c>HM250999T25_21119991</c>. The sequence part (the pack number, or region 25's short MO + pack number) is
/// the region's.
/// </summary>
/// <param name="MoCode">The sender: the 6-digit MO code.</param>
/// <param name="Receiver">The receiver: the TFOMS (region) code.</param>
/// <param name="Period">The report month.</param>
/// <param name="Sequence">The region's sequence part.</param>
public sealed record RegistryFileNames(string MoCode, string Receiver, ReportPeriod Period, string Sequence)
{
    /// <summary>The 2-digit year.</summary>
    public string Yy => (Period.Year % 100).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The 2-digit month.</summary>
    public string Mm => Period.Month.ToString("00", CultureInfo.InvariantCulture);

    /// <summary><c>M{MO}T{receiver}_{YY}{MM}{sequence}</c>.</summary>
    public string Stem => $"M{MoCode}T{Receiver}_{Yy}{Mm}{Sequence}";

    /// <summary>The H file name without <c>.xml</c>.</summary>
    public string H => Of('H');

    /// <summary>The L file name without <c>.xml</c>.</summary>
    public string L => Of('L');

    /// <summary>The name of a file kind without <c>.xml</c>: the kind letter and the stem.</summary>
    public string Of(char kind) => kind + Stem;
}
