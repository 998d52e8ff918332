using System.Text;
using System.Text.RegularExpressions;

namespace Omslite.Hub.Patients;

/// <summary>
/// The series/number masks of NSI book F011 (e.g. passport series "99 99", number "9999990", birth certificate
/// series "R-ББ"): 9 a digit, 0 an optional digit, Б an upper-case Russian letter, R a Roman numeral (I V X L C),
/// S anything (not checked); other characters stand for themselves.
/// </summary>
public static class DocumentMask
{
    public static bool Matches(string mask, string value) => ToRegex(mask).IsMatch(value);

    private static Regex ToRegex(string mask)
    {
        if (mask.Contains('S', StringComparison.Ordinal))
        {
            return new Regex("^.*$");
        }

        var pattern = new StringBuilder("^");
        foreach (var c in mask)
        {
            pattern.Append(c switch
            {
                '9' => "[0-9]",
                '0' => "[0-9]?",
                'Б' => "[А-ЯЁ]",
                'R' => "[IVXLC]+",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
