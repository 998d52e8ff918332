namespace Omslite.RegionFormats.RegistryXml;

/// <summary>
/// The tag sets of the federal H and L files (registry-pack-25.md §2.2, §2.3) that a region's <see cref="FormatRules"/>
/// are made of: what the 2026 H file requires, what it added, and what no format here ever has a value for.
/// </summary>
public static class FederalTags
{
    /// <summary>The REQUIRED set of the H file from 2026 (a visit without one of them fails).</summary>
    public static readonly IReadOnlyList<string> HRequired2026 =
    [
        "N_ZAP", "PR_NOV", "ID_PAC", "VPOLIS", "NOVOR", "SOC", "VZ", "IDCASE", "USL_OK", "VIDPOM", "FOR_POM", "LPU",
        "DATE_Z_1", "DATE_Z_2", "RSLT", "ISHOD", "IDSP", "SUMV", "SL_ID", "PROFIL", "PROFIL_M", "DET", "NHISTORY",
        "DATE_1", "DATE_2", "DS1", "PRVS", "VERS_SPEC", "IDDOKT", "SUM_M",
    ];

    /// <summary>The tags the 2026 H file added, whose values are regional or MO choices; NPR_NUM is added too, and a
    /// region may ignore it.</summary>
    public static readonly IReadOnlyList<string> HAdded2026 = ["PLAT", "MO_PR", "VZ", "PROFIL_M", "MOP", "LPU_1"];

    /// <summary>H tags without a source (disability, newborns, rehabilitation, MES codes): never written.</summary>
    public static readonly IReadOnlyList<string> HWithoutSource =
        ["INV", "MSE", "VNOV_D", "VNOV_M", "VB_P", "CODE_MES1", "CODE_MES2", "REAB", "NPL"];

    /// <summary>L tags never written (birthplace, SNILS and addresses of the patient, comment).</summary>
    public static readonly IReadOnlyList<string> LIgnored = ["MR", "SNILS", "OKATOG", "OKATOP", "COMMENTP"];
}
