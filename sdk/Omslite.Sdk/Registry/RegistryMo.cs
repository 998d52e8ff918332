namespace Omslite.Sdk.Registry;

/// <summary>
/// The MO whose pack is built, with the settings a region format reads instead of literals (D2.9): the codes every
/// format needs are properties; the rest (PROFIL_M, MOP, VZ thresholds, ...) are named <see cref="Settings"/> that
/// each format documents.
/// </summary>
public sealed record RegistryMo
{
    /// <summary>The 6-digit F003 code, e.g. <c>250796</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The 3-character regional short code, leading zeros kept (D2.7), e.g. <c>796</c>, <c>047</c>.</summary>
    public required string ShortCode { get; init; }

    /// <summary>The MO's name.</summary>
    public required string Name { get; init; }

    /// <summary>The two-digit region code, e.g. <c>25</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The region's OKATO, e.g. <c>05000</c>: an insurer with another OKATO makes a patient out-of-region.</summary>
    public required string Okato { get; init; }

    /// <summary>LPU_1: the MO's subdivision code in the regional registry, when set.</summary>
    public string? Lpu1 { get; init; }

    /// <summary>PLAT: the payer code written in the pack, when set.</summary>
    public string? Plat { get; init; }

    /// <summary>The MO's other settings by name (the <c>settings</c> object of the MO record), as text.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>A setting, or <paramref name="fallback"/> when it is absent or blank.</summary>
    public string? Setting(string name, string? fallback = null) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}
