using System.Globalization;

namespace Omslite.MisConnectors.Legacy;

/// <summary>How the original system's values become the canonical case's: SNILS, MO codes, text.</summary>
internal static class LegacyCodes
{
    /// <summary>
    /// A SNILS as 11 plain digits when the stored value is one written with dashes and spaces
    /// (<c>122-174-159 17</c>, <c>156-789-012-34</c>, <c>12217415917</c>); anything else unchanged, so that the
    /// region's checks name the wrong value as the clinic typed it.
    /// </summary>
    public static string? Snils(string? stored)
    {
        var value = Text(stored);
        if (value is null)
        {
            return null;
        }

        var digits = value.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 11 && digits.All(char.IsAsciiDigit) ? digits : value;
    }

    /// <summary>A 6-digit F003 code from the integer the original stores (<c>250100</c>).</summary>
    public static string MoCode(long code) => code.ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>A 3-character TFOMS short code, leading zeros kept (<c>47</c> → <c>047</c>, D2.7).</summary>
    public static string ShortCode(int scode) => scode.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>
    /// The F003 code of a regional MO known by its short code: from <c>mo_local</c> when it has the code, otherwise
    /// the region prefix followed by the 3-character short code, as the original's pack wrote an unknown MO.
    /// </summary>
    public static string? MoCode(int? scode, long? mapped, string? regionPrefix) =>
        scode is not { } s || s == 0 ? null
        : mapped is { } m ? MoCode(m)
        : regionPrefix is null ? null
        : regionPrefix + ShortCode(s);

    /// <summary>Trimmed text, or null when empty (fixed-width <c>character(n)</c> columns come padded).</summary>
    public static string? Text(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>"м" or "ж" from the card's gender; anything else is not a sex the hub can store.</summary>
    public static string? Sex(string? gender) => Text(gender)?.ToLowerInvariant() switch
    {
        "м" => "м",
        "ж" => "ж",
        _ => null,
    };
}
