namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// The element names of a compiled schema as ASCII bytes, each with a small number: a tag's name is looked up from
/// its bytes in an open-addressing table (a cheap hash of length, first, middle and last byte, then a byte compare),
/// without making a string.
/// </summary>
internal sealed class ElementNames
{
    private readonly List<byte[]> _names = [];
    private int[] _slots = [];

    /// <summary>The number of names.</summary>
    public int Count => _names.Count;

    /// <summary>The bytes of name <paramref name="id"/>.</summary>
    public byte[] this[int id] => _names[id];

    /// <summary>The number of a name, added when new (while compiling only).</summary>
    /// <exception cref="UnsupportedSchemaException">The name is not made of ASCII letters, digits and '_' (a letter
    /// or '_' first), the only names the reader of the written form accepts.</exception>
    public int Add(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new UnsupportedSchemaException($"the element name '{name}'");
        }

        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        var id = Find(bytes);
        if (id >= 0)
        {
            return id;
        }

        _names.Add(bytes);
        Rehash();
        return _names.Count - 1;
    }

    /// <summary>The number of the name written as <paramref name="bytes"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> bytes)
    {
        if (_slots.Length == 0 || bytes.Length == 0)
        {
            return -1;
        }

        var mask = _slots.Length - 1;
        for (var slot = Hash(bytes) & mask; ; slot = (slot + 1) & mask)
        {
            var id = _slots[slot];
            if (id < 0)
            {
                return -1;
            }

            if (bytes.SequenceEqual(_names[id]))
            {
                return id;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> b) => (b.Length * 31) ^ (b[0] * 7) ^ (b[^1] * 131) ^ (b[b.Length / 2] * 1031);

    /// <summary>A table at most a quarter full, so a lookup rarely probes twice.</summary>
    private void Rehash()
    {
        _slots = new int[Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_names.Count * 4))];
        Array.Fill(_slots, -1);
        var mask = _slots.Length - 1;
        for (var id = 0; id < _names.Count; id++)
        {
            var slot = Hash(_names[id]) & mask;
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id;
        }
    }
}
