namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>One instance of each repeated short text of a file (codes, comments, names), so that a file of
/// 100 000 records does not hold 100 000 copies of the same words. Bounded: past its size, texts are kept as read.</summary>
internal sealed class TextPool
{
    private const int MaxEntries = 65536;
    private const int MaxLength = 256;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>The shared instance of a text read into a buffer: no string is made for a text seen before.</summary>
    public string Share(ReadOnlySpan<char> text)
    {
        if (_texts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared))
        {
            return shared;
        }

        var made = new string(text);
        return text.Length > MaxLength || _texts.Count >= MaxEntries ? made : _texts[made] = made;
    }
}
