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

    /// <summary>The whole file, in windows-1251, with <paramref name="bodyPath"/> (one record per line) in the middle.</summary>
    public Stream Open(string bodyPath) =>
        Around(() => new FileStream(bodyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    /// <summary>The file with only the record lines in <paramref name="length"/> bytes of <paramref name="bodyPath"/>
    /// from <paramref name="start"/>: a part of the file that is a complete document of its own (for validating a
    /// large file in parts).</summary>
    public Stream Open(string bodyPath, long start, long length) => Around(() => new FileSegment(bodyPath, start, length));

    /// <summary>The file with only the record lines in the first <paramref name="length"/> bytes of
    /// <paramref name="body"/>: a chunk of the body made a complete document, validated while the next is built.</summary>
    public Stream Open(byte[] body, int length) => Around(() => new MemoryStream(body, 0, length, false));

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

    private JoinedStream Around(Func<Stream> body)
    {
        var (head, tail) = Frame();
        return new JoinedStream([() => new MemoryStream(head, false), body, () => new MemoryStream(tail, false)]);
    }
}
