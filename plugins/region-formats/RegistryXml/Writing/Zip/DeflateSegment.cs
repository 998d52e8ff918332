using System.IO.Compression;
using System.IO.Hashing;

namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// A run of a file's bytes compressed on its own (raw deflate, nothing referring back before it) and its CRC-32.
/// A segment that is not the file's last ends with a sync flush (byte-aligned, no final block), so that a file's
/// segments written one after another are one deflate stream: the way a file's chunks are compressed on several
/// threads while the pack is built and joined in the zip.
/// </summary>
/// <param name="Bytes">The compressed bytes.</param>
/// <param name="Crc">The CRC-32 of the uncompressed bytes.</param>
/// <param name="RawLength">The length of the uncompressed bytes.</param>
internal sealed record DeflateSegment(byte[] Bytes, uint Crc, long RawLength)
{
    /// <summary>zlib's level for the pack's files. Level 2 (zlib-ng's fast strategy): on a month of 100 000 visits
    /// (≈ 200 MB of XML) a third of the CPU of level 4 and a quarter of the default 6 (the zip's "optimal"), for a zip
    /// about 25 % larger than level 4's (≈ 12 against 9.7 MB; 8.4 MB at level 6); level 1 is no faster and much larger.
    /// Compression is a fifth of a large pack's CPU; the zip of a usual month is well under a megabyte either way
    /// (docs/benchmarks.md).</summary>
    public const int Level = 2;

    /// <summary>Compresses <paramref name="raw"/>; <paramref name="last"/>: it ends the file (final block).</summary>
    public static DeflateSegment Compress(ReadOnlySpan<byte> raw, bool last)
    {
        using var compressed = new MemoryStream(raw.Length / 8 + 64);
        var deflate = new DeflateStream(compressed, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true);
        deflate.Write(raw);
        byte[] bytes;
        if (last)
        {
            deflate.Dispose();
            bytes = compressed.ToArray();
        }
        else
        {
            // Flush is zlib's sync flush: what is written so far ends on a byte boundary and the stream stays open.
            deflate.Flush();
            bytes = compressed.ToArray();
            deflate.Dispose();
        }

        return new DeflateSegment(bytes, Crc32.HashToUInt32(raw), raw.Length);
    }
}
