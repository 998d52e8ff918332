using System.Collections.Frozen;
using Omslite.RegionFormats.RegistryXml;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.FederalBaseline;

/// <summary>
/// The versions of the federal baseline by report period (D8): the federal tag sets of RegistryXml as they are, with
/// no region's additions (NPR_NUM and TARIF are written). One version so far: the 2026 structure; a later FFOMS
/// revision is a new row here plus its XSDs.
/// </summary>
internal static class BaselineVersions
{
    /// <summary>Every version, oldest first.</summary>
    public static readonly FormatTable Table = new("federal-baseline",
    [
        new()
        {
            ValidFrom = new ReportPeriod(2026, 1),
            Files = new Dictionary<char, FileRules>
            {
                ['H'] = new("6.0", "HM-6.0.xsd", FederalTags.HRequired2026.ToFrozenSet(), FederalTags.HWithoutSource.ToFrozenSet()),
                ['L'] = new("3.2", "LM-3.2.xsd", FrozenSet<string>.Empty, FederalTags.LIgnored.ToFrozenSet()),
            },
            SocCodes = new[] { 0, 35, 65 }.ToFrozenSet(),
            Note = "HM 6.0 / LM 3.2 (январь 2026): SOC, VZ, MO_PR, PROFIL_M, MOP, PLAT, LPU_1, NPR_NUM",
        },
    ]);
}
