namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// A deterministic automaton over the bytes of a value: one row of 256 next states per state, -1 for "no match
/// possible". Built by <see cref="PatternCompiler"/> from a pattern whose characters are all printable ASCII, so a
/// windows-1251 byte above 127 (a character no such pattern can match) and every byte the pattern does not name lead
/// to -1.
/// </summary>
internal sealed class ByteDfa(int[] next, bool[] accepting)
{
    /// <summary>The number of states (state 0 is the start).</summary>
    public int States => accepting.Length;

    /// <summary>Whether the whole value matches.</summary>
    public bool Matches(ReadOnlySpan<byte> value)
    {
        var state = 0;
        foreach (var b in value)
        {
            state = next[(state << 8) | b];
            if (state < 0)
            {
                return false;
            }
        }

        return accepting[state];
    }

    /// <summary>Runs the value that starts at <paramref name="start"/> and ends at the next <c>&lt;</c> (the
    /// pattern's alphabet never holds it): where the value ends, or -1 when it does not match or has no end in
    /// <paramref name="text"/>.</summary>
    public int MatchUntilTag(ReadOnlySpan<byte> text, int start)
    {
        var state = 0;
        var next1 = next;
        for (var i = start; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'<')
            {
                return accepting[state] ? i : -1;
            }

            state = next1[(state << 8) | b];
            if (state < 0)
            {
                return -1;
            }
        }

        return -1;
    }
}
