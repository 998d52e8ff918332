using System.Buffers.Binary;
using System.Text;

namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// Writes a zip (PKWARE APPNOTE 6.3: local headers, data, central directory) whose entries come already deflated, with
/// their CRC-32 and sizes known before their data: no data descriptors, no seeking, so the output may be any stream.
/// Without ZIP64: every size and offset must stay under 4 GiB (<see cref="Fits"/>), which a month's pack of one MO
/// does by orders of magnitude; a larger one is zipped by <see cref="System.IO.Compression.ZipArchive"/>.
/// </summary>
internal sealed class ZipContainer(Stream output)
{
    private const ushort VersionNeeded = 20; // deflate
    private const ushort Deflated = 8;
    private const ushort Utf8Names = 1 << 11;

    private readonly List<Entry> _entries = [];
    private long _written;

    /// <summary>Whether sizes this large (and the sum of all compressed sizes) fit the zip's 32-bit fields.</summary>
    public static bool Fits(long total) => total < uint.MaxValue;

    /// <summary>Writes one entry: its local header, then the compressed data that <paramref name="writeData"/> writes
    /// (exactly <paramref name="compressed"/> bytes).</summary>
    public async Task AddAsync(
        string name, DateTime stamp, uint crc, long compressed, long raw, Func<Stream, CancellationToken, Task> writeData, CancellationToken ct)
    {
        if (!Fits(compressed) || !Fits(raw) || !Fits(_written))
        {
            throw new InvalidOperationException($"The zip entry {name} needs ZIP64");
        }

        var ascii = name.All(char.IsAscii);
        var nameBytes = ascii ? Encoding.ASCII.GetBytes(name) : Encoding.UTF8.GetBytes(name);
        var flags = ascii ? (ushort)0 : Utf8Names;
        var (time, date) = DosTime(stamp);
        var entry = new Entry(nameBytes, flags, time, date, crc, (uint)compressed, (uint)raw, (uint)_written);
        _entries.Add(entry);

        var header = new byte[30 + nameBytes.Length];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034B50);
        entry.WriteShared(h[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], 0);
        nameBytes.CopyTo(h[30..]);
        await output.WriteAsync(header, ct);
        await writeData(output, ct);
        _written += header.Length + compressed;
    }

    /// <summary>Writes the central directory and its end record.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        var start = _written;
        using var directory = new MemoryStream();
        foreach (var entry in _entries)
        {
            var record = new byte[46 + entry.Name.Length];
            var r = record.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(r, 0x02014B50);
            BinaryPrimitives.WriteUInt16LittleEndian(r[4..], VersionNeeded); // made by: MS-DOS attributes, 2.0
            entry.WriteShared(r[6..]);
            // extra, comment, disk number, internal and external attributes: all zero
            BinaryPrimitives.WriteUInt32LittleEndian(r[42..], entry.Offset);
            entry.Name.CopyTo(r[46..]);
            directory.Write(record);
        }

        if (!Fits(start + directory.Length) || _entries.Count > ushort.MaxValue)
        {
            throw new InvalidOperationException("The zip's central directory needs ZIP64");
        }

        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], (uint)directory.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)start);
        directory.Write(end);
        directory.Position = 0;
        await directory.CopyToAsync(output, ct);
        _written += directory.Length;
    }

    /// <summary>An entry as both of its headers describe it.</summary>
    private sealed record Entry(byte[] Name, ushort Flags, ushort Time, ushort Date, uint Crc, uint Compressed, uint Raw, uint Offset)
    {
        /// <summary>The 24 bytes the local header (at 4) and the central directory record (at 6) share: version
        /// needed, flags, method, time, date, CRC-32, sizes, name length.</summary>
        public void WriteShared(Span<byte> at)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, VersionNeeded);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(at[4..], Deflated);
            BinaryPrimitives.WriteUInt16LittleEndian(at[6..], Time);
            BinaryPrimitives.WriteUInt16LittleEndian(at[8..], Date);
            BinaryPrimitives.WriteUInt32LittleEndian(at[10..], Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(at[14..], Compressed);
            BinaryPrimitives.WriteUInt32LittleEndian(at[18..], Raw);
            BinaryPrimitives.WriteUInt16LittleEndian(at[22..], (ushort)Name.Length);
        }
    }

    /// <summary>MS-DOS time and date (2-second resolution, years 1980–2107).</summary>
    private static (ushort Time, ushort Date) DosTime(DateTime stamp)
    {
        var s = stamp.Year is < 1980 or > 2107 ? new DateTime(1980, 1, 1) : stamp;
        return ((ushort)((s.Hour << 11) | (s.Minute << 5) | (s.Second / 2)), (ushort)(((s.Year - 1980) << 9) | (s.Month << 5) | s.Day));
    }
}
