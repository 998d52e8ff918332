using System.Text;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// One XML file of a pack (registry-pack-25.md §1.4): the declaration line, the root, the header lines (ZGLV and, in
/// H, SCHET), one line per record from the body file, and the closing root tag with no newline after it.
/// </summary>
/// <param name="Name">The file name, e.g. <c>HM250796T25_26017961.xml</c>.</param>
/// <param name="Root">The root element: <c>ZL_LIST</c> or <c>PERS_LIST</c>.</param>
/// <param name="Header">The header records, one line each.</param>
/// <param name="Schema">The schema the file is validated against.</param>
public sealed record PackFile(string Name, string Root, IReadOnlyList<RecordLine> Header, string Schema)
{
    /// <summary>The lines before the first record (declaration, root, headers).</summary>
    public int HeaderLines => 2 + Header.Count;

    /// <summary>The whole file, in windows-1251, with the record lines that <paramref name="body"/> opens (one per
    /// line) in the middle; given only some of them, a part of the file that is a complete document of its own (for
    /// validating a large file in parts).</summary>
    public Stream Open(Func<Stream> body)
    {
        var (head, tail) = Frame();
        return new JoinedStream([() => new MemoryStream(head, false), body, () => new MemoryStream(tail, false)]);
    }

    /// <summary>What comes before the body (declaration, root, header lines) and after it (the closing tag), in
    /// windows-1251.</summary>
    public (byte[] Head, byte[] Tail) Frame()
    {
        var head = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<").Append(Root).Append(">\n");
        foreach (var line in Header)
        {
            head.Append(line).Append('\n');
        }

        return (Cp1251.Encoding.GetBytes(head.ToString()), Cp1251.Encoding.GetBytes($"</{Root}>"));
    }
}
