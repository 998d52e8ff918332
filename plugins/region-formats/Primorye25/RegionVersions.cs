using System.Collections.Frozen;
using Omslite.RegionFormats.RegistryXml;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>
/// The versions of the region-25 format by report period (D8): the federal tag sets of RegistryXml with the region's
/// own choices (NPR_NUM and TARIF never written, the P file). A new TFOMS year is a new row here (and its XSDs).
/// </summary>
internal static class RegionVersions
{
    /// <summary>What region 25 never writes beyond the tags without a source: NPR_NUM (2026) and TARIF.</summary>
    private static readonly string[] HIgnored = [.. FederalTags.HWithoutSource, "NPR_NUM", "TARIF"];

    private static readonly FrozenSet<string> PRequired =
        new[] { "SL_ID", "IDCASE", "CARD", "PURP", "VISIT_POL", "VISIT_HOM", "IDSERV" }.ToFrozenSet();

    /// <summary>Every version, oldest first.</summary>
    public static readonly FormatTable Table = new("ТФОМС 25",
    [
        new()
        {
            ValidFrom = new ReportPeriod(2025, 2),
            Files = Files("5.0", "HM-5.0.xsd",
                FederalTags.HRequired2026.Except(FederalTags.HAdded2026), HIgnored.Concat(FederalTags.HAdded2026)),
            SocCodes = new[] { 0, 35, 65 }.ToFrozenSet(),
            Note = "HM 5.0 (февраль 2025): добавлен SOC",
        },
        new()
        {
            ValidFrom = new ReportPeriod(2026, 1),
            Files = Files("6.0", "HM-6.0.xsd", FederalTags.HRequired2026, HIgnored),
            SocCodes = new[] { 0, 35, 65 }.ToFrozenSet(),
            Note = "HM 6.0 (январь 2026): добавлены PLAT, MO_PR, VZ, PROFIL_M, MOP, LPU_1 (NPR_NUM не пишется)",
        },
    ]);

    /// <summary>H of a version, L 3.2 and the P file (no version tag).</summary>
    private static Dictionary<char, FileRules> Files(string hVersion, string hSchema, IEnumerable<string> hRequired, IEnumerable<string> hIgnored) => new()
    {
        ['H'] = new FileRules(hVersion, hSchema, hRequired.ToFrozenSet(), hIgnored.ToFrozenSet()),
        ['L'] = new FileRules("3.2", "LM-3.2.xsd", FrozenSet<string>.Empty, FederalTags.LIgnored.ToFrozenSet()),
        ['P'] = new FileRules("—", "PM.xsd", PRequired, FrozenSet<string>.Empty),
    };
}
