using System.Collections.Frozen;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>The values of the H file's SCHET (registry-pack-25.md §2.2); how CODE, NSCHET, PLAT and SUMMAV are made
/// is the region's.</summary>
/// <param name="Code">CODE.</param>
/// <param name="MoCode">CODE_MO: the 6-digit MO code.</param>
/// <param name="Period">YEAR and MONTH (not zero-padded).</param>
/// <param name="Nschet">NSCHET.</param>
/// <param name="Date">DSCHET: the run date.</param>
/// <param name="Plat">PLAT (written where the version has it).</param>
/// <param name="Summav">SUMMAV as written.</param>
public sealed record Schet(string Code, string MoCode, ReportPeriod Period, string Nschet, DateOnly Date, string? Plat, string Summav);

/// <summary>The federal header records of the H and L files (ZGLV, SCHET), each one line.</summary>
public static class FederalHeaders
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;

    /// <summary>H: ZGLV with VERSION, DATA, FILENAME (the H name without ".xml") and SD_Z (the ZAP count).</summary>
    public static RecordLine HZglv(FormatRules rules, DateOnly date, string hName, int records) =>
        new RecordLine(None, rules.H.Ignored).Open("ZGLV").Value("VERSION", rules.H.Version).Value("DATA", date)
            .Value("FILENAME", hName).Value("SD_Z", records).Close("ZGLV");

    /// <summary>H: SCHET with CODE, CODE_MO, YEAR, MONTH, NSCHET, DSCHET, PLAT, SUMMAV.</summary>
    public static RecordLine HSchet(FormatRules rules, Schet schet) =>
        new RecordLine(None, rules.H.Ignored).Open("SCHET").Value("CODE", schet.Code).Value("CODE_MO", schet.MoCode)
            .Value("YEAR", schet.Period.Year).Value("MONTH", schet.Period.Month).Value("NSCHET", schet.Nschet)
            .Value("DSCHET", schet.Date).Value("PLAT", schet.Plat).Value("SUMMAV", schet.Summav).Close("SCHET");

    /// <summary>L: ZGLV with VERSION, DATA, FILENAME (the L name) and FILENAME1 (the H name).</summary>
    public static RecordLine LZglv(FormatRules rules, DateOnly date, string lName, string hName) =>
        new RecordLine(None, rules.L.Ignored).Open("ZGLV").Value("VERSION", rules.L.Version).Value("DATA", date)
            .Value("FILENAME", lName).Value("FILENAME1", hName).Close("ZGLV");
}
