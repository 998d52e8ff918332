namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>One instance of each repeated short text of a file (codes, comments, names), so that a file of
/// 100 000 records does not hold 100 000 copies of the same words. Bounded: past its size, texts are kept as read.</summary>
internal sealed class TextPool
{
    private const int MaxEntries = 65536;
    private const int MaxLength = 256;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string? Share(string? text)
    {
        if (text is null || text.Length > MaxLength)
        {
            return text;
        }

        if (_texts.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (_texts.Count < MaxEntries)
        {
            _texts[text] = text;
        }

        return text;
    }
}
