using System.Text.RegularExpressions;

namespace Omslite.RegionFormats.RegistryXml.Computing;

/// <summary>SNILS normalisation of §4.2 step 8: three accepted forms, 11 digits out.</summary>
public static partial class Snils
{
    /// <summary>
    /// 11 plain digits stay; <c>XXX-XXX-XXX-XX</c> becomes <c>XXX-XXX-XXX XX</c>; the result must be
    /// <c>XXX-XXX-XXX XX</c>. Returns the 11 digits, or null with <paramref name="shown"/> = the value the message
    /// names (after the rebuild).
    /// </summary>
    /// <param name="value">The SNILS as stored.</param>
    /// <param name="shown">The value a format message names.</param>
    public static string? Normalise(string value, out string shown)
    {
        shown = value;
        if (value.Length == 11 && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        var parts = value.Split('-');
        if (parts.Length == 4)
        {
            shown = $"{parts[0]}-{parts[1]}-{parts[2]} {parts[3]}";
        }

        return Formatted().IsMatch(shown) ? shown.Replace("-", "").Replace(" ", "") : null;
    }

    [GeneratedRegex(@"^[0-9]{3}-[0-9]{3}-[0-9]{3} [0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Formatted();
}
