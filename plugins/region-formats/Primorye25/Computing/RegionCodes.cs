using Omslite.RegionFormats.RegistryXml;

namespace Omslite.RegionFormats.Primorye25.Computing;

/// <summary>The region rule sets of registry-pack-25.md §5.0.</summary>
internal static class RegionCodes
{
    /// <summary>Diagnostic specialties (V021): radiology and the like.</summary>
    public static readonly IReadOnlySet<int> DiagPrvs = new HashSet<int> { 31, 48, 60, 81, 93 };

    /// <summary>The diagnostic purpose.</summary>
    public const int DiagPurp = 4;

    /// <summary>Preventive examinations.</summary>
    public static readonly IReadOnlySet<int> PreventivePurp = new HashSet<int> { 21, 22 };

    /// <summary>Stomatology profiles.</summary>
    public static readonly IReadOnlySet<int> StomProfil = new HashSet<int> { 85, 86, 87, 88, 89, 90 };

    /// <summary>Nurse profiles.</summary>
    public static readonly IReadOnlySet<int> NurseProfil = new HashSet<int> { 82, 83 };

    /// <summary>Whether the talon is a diagnostic specialty's.</summary>
    public static bool IsDiagnostic(this Talon t) => t.Prvs is { } prvs && DiagPrvs.Contains(prvs);
}
