namespace Omslite.RegionFormats.Primorye25.Checks;

/// <summary>
/// Lower-case male first names for the name/sex plausibility check (check mode only, §4.1 step 4.2): a first name in
/// the list is male, any other female. Shipped with the plugin (Data/male-names.txt).
/// </summary>
internal static class MaleNames
{
    private static readonly Lazy<HashSet<string>> Names = new(Load);

    /// <summary>The number of names (the original's test expected more than 10).</summary>
    public static int Count => Names.Value.Count;

    /// <summary>Whether the first name is a male one (looked up without making a string: it runs for every visit of
    /// a check).</summary>
    public static bool Contains(string? firstName)
    {
        var trimmed = firstName.AsSpan().Trim();
        if (trimmed.Length is 0 or > 64)
        {
            return trimmed.Length > 0 && Names.Value.Contains(trimmed.ToString().ToLowerInvariant().Replace('ё', 'е'));
        }

        Span<char> name = stackalloc char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (Lower(trimmed[i]) is not { } lower)
            {
                // A letter outside Latin and Cyrillic: the full invariant mapping.
                return Names.Value.Contains(trimmed.ToString().ToLowerInvariant().Replace('ё', 'е'));
            }

            name[i] = lower == 'ё' ? 'е' : lower;
        }

        return Names.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
    }

    /// <summary>The invariant lower case of an ASCII or Cyrillic (U+0400–U+045F) character, as
    /// <see cref="char.ToLowerInvariant"/> gives it, without the culture tables; null for any other character.</summary>
    private static char? Lower(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        < (char)0x80 => c,
        >= '\u0410' and <= '\u042F' => (char)(c + 32),
        >= '\u0400' and <= '\u040F' => (char)(c + 80),
        >= '\u0430' and <= '\u045F' => c,
        _ => null,
    };

    private static HashSet<string> Load()
    {
        using var stream = typeof(MaleNames).Assembly.GetManifestResourceStream("male-names.txt")
            ?? throw new InvalidOperationException("male-names.txt is not embedded");
        using var reader = new StreamReader(stream);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var name = line.Trim().ToLowerInvariant().Replace('ё', 'е');
            if (name.Length > 0 && !name.StartsWith('#'))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
