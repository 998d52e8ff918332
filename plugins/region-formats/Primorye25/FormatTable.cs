using System.Collections.Frozen;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25;

/// <summary>
/// The dated rules of the region (D8): which file versions, tag sets and code sets apply from which report period.
/// A new TFOMS year is a new row here (and its XSDs), not a date test in the code.
/// </summary>
internal sealed record FormatRules
{
    /// <summary>The first report period these rules apply to.</summary>
    public required ReportPeriod ValidFrom { get; init; }

    /// <summary>HM version (ZGLV/VERSION).</summary>
    public required string HVersion { get; init; }

    /// <summary>LM version (ZGLV/VERSION).</summary>
    public required string LVersion { get; init; }

    /// <summary>The schema files shipped for this version, by file kind (H, L, P).</summary>
    public required FrozenDictionary<char, string> Schemas { get; init; }

    /// <summary>The H file's REQUIRED set: a name here is required at every level where it appears (§2.1).</summary>
    public required FrozenSet<string> HRequired { get; init; }

    /// <summary>The H file's IGNORED set: never written.</summary>
    public required FrozenSet<string> HIgnored { get; init; }

    /// <summary>The P file's REQUIRED set.</summary>
    public required FrozenSet<string> PRequired { get; init; }

    /// <summary>The L file's IGNORED set (it has no REQUIRED set).</summary>
    public required FrozenSet<string> LIgnored { get; init; }

    /// <summary>The SOC codes accepted (§5.9).</summary>
    public required FrozenSet<int> SocCodes { get; init; }

    /// <summary>What changed, for the documentation.</summary>
    public required string Note { get; init; }

    /// <summary>Whether the H file has the tag in this version (it is not ignored).</summary>
    public bool HasH(string tag) => !HIgnored.Contains(tag);
}

/// <summary>The versions of the region-25 format by report period.</summary>
internal static class FormatTable
{
    /// <summary>Tags added by HM 6.0 (January 2026); NPR_NUM is ignored by the region.</summary>
    private static readonly string[] Added2026 = ["PLAT", "MO_PR", "VZ", "PROFIL_M", "MOP", "LPU_1"];

    private static readonly string[] HRequired6 =
    [
        "N_ZAP", "PR_NOV", "ID_PAC", "VPOLIS", "NOVOR", "SOC", "VZ", "IDCASE", "USL_OK", "VIDPOM", "FOR_POM", "LPU",
        "DATE_Z_1", "DATE_Z_2", "RSLT", "ISHOD", "IDSP", "SUMV", "SL_ID", "PROFIL", "PROFIL_M", "DET", "NHISTORY",
        "DATE_1", "DATE_2", "DS1", "PRVS", "VERS_SPEC", "IDDOKT", "SUM_M",
    ];

    private static readonly string[] HIgnored6 =
    [
        "INV", "MSE", "VNOV_D", "NPR_NUM", "VNOV_M", "VB_P", "CODE_MES1", "CODE_MES2", "REAB", "TARIF", "NPL",
    ];

    private static readonly string[] PRequired =
        ["SL_ID", "IDCASE", "CARD", "PURP", "VISIT_POL", "VISIT_HOM", "IDSERV"];

    private static readonly string[] LIgnored = ["MR", "SNILS", "OKATOG", "OKATOP", "COMMENTP"];

    /// <summary>Every version, oldest first.</summary>
    public static readonly IReadOnlyList<FormatRules> All =
    [
        new()
        {
            ValidFrom = new ReportPeriod(2025, 2),
            HVersion = "5.0",
            LVersion = "3.2",
            Schemas = new Dictionary<char, string> { ['H'] = "HM-5.0.xsd", ['L'] = "LM-3.2.xsd", ['P'] = "PM.xsd" }.ToFrozenDictionary(),
            HRequired = HRequired6.Except(Added2026).ToFrozenSet(),
            HIgnored = HIgnored6.Concat(Added2026).ToFrozenSet(),
            PRequired = PRequired.ToFrozenSet(),
            LIgnored = LIgnored.ToFrozenSet(),
            SocCodes = new[] { 0, 35, 65 }.ToFrozenSet(),
            Note = "HM 5.0 (февраль 2025): добавлен SOC",
        },
        new()
        {
            ValidFrom = new ReportPeriod(2026, 1),
            HVersion = "6.0",
            LVersion = "3.2",
            Schemas = new Dictionary<char, string> { ['H'] = "HM-6.0.xsd", ['L'] = "LM-3.2.xsd", ['P'] = "PM.xsd" }.ToFrozenDictionary(),
            HRequired = HRequired6.ToFrozenSet(),
            HIgnored = HIgnored6.ToFrozenSet(),
            PRequired = PRequired.ToFrozenSet(),
            LIgnored = LIgnored.ToFrozenSet(),
            SocCodes = new[] { 0, 35, 65 }.ToFrozenSet(),
            Note = "HM 6.0 (январь 2026): добавлены PLAT, MO_PR, VZ, PROFIL_M, MOP, LPU_1 (NPR_NUM не пишется)",
        },
    ];

    /// <summary>The rules of a report period, or null when the period is older than every version.</summary>
    public static FormatRules? For(ReportPeriod period) =>
        All.Where(r => (r.ValidFrom.Year, r.ValidFrom.Month).CompareTo((period.Year, period.Month)) <= 0)
            .MaxBy(r => (r.ValidFrom.Year, r.ValidFrom.Month));

    /// <summary>The versions as the SDK describes them.</summary>
    public static IReadOnlyList<FormatVersion> Versions { get; } = All
        .Select(r => new FormatVersion(
            r.ValidFrom,
            new Dictionary<string, string> { ["H"] = r.HVersion, ["L"] = r.LVersion, ["P"] = "—" },
            r.Note))
        .ToList();
}
