namespace Omslite.RegionFormats.RegistryXml.Computing;

/// <summary>Values whose rules are the federal format's (or the classifiers'), one small function each.</summary>
public static class FederalValues
{
    /// <summary>A short MO code as 3 characters, leading zeros kept or restored (D2.7): "47" → "047".</summary>
    public static string ShortCode(string code) =>
        code.Length < 3 && code.All(char.IsAsciiDigit) ? code.PadLeft(3, '0') : code;

    /// <summary>§5.9 VZ: a stored 1..6 wins; otherwise by the age in full years on DATE_Z_1 (D2.3), with the MO's
    /// age limits.</summary>
    public static int Vz(int? stored, DateOnly birth, DateOnly on, MoSettings settings)
    {
        if (stored is >= 1 and <= 6)
        {
            return stored.Value;
        }

        var age = on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
        return age < settings.VzStudentBelow ? 4 : age < settings.VzWorkerBelow ? 1 : 3;
    }

    /// <summary>§5.6: a V009/V012 code given in its short form (below 100) gets USL_OK × 100 added (4 → 304);
    /// full codes pass unchanged.</summary>
    public static int? FullCode(int? code, int? uslOk) => code is < 100 ? code + (uslOk ?? 0) * 100 : code;

    /// <summary>L/W: 'м' → 1, 'ж' → 2 (case and spaces ignored); 0 for any other value, null when there is none.</summary>
    public static int? Sex(string? stored) => stored.AsSpan().Trim() switch
    {
        [] => null,
        ['м' or 'М'] => 1,
        ['ж' or 'Ж'] => 2,
        _ => 0,
    };
}
