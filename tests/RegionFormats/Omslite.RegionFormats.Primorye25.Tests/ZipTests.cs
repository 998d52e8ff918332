using System.IO.Compression;
using System.IO.Hashing;
using Omslite.RegionFormats.RegistryXml.Writing.Zip;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>The zip of a pack put together from parts compressed apart (RegistryXml/Writing/Zip).</summary>
public class ZipTests
{
    [Fact]
    public void The_crc_of_two_runs_joined_comes_from_the_crc_of_each()
    {
        var random = new Random(25);
        foreach (var length in new[] { 0, 1, 2, 7, 64, 1000, 70_000 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            foreach (var split in new[] { 0, length / 3, length / 2, length - 1, length }.Where(s => s >= 0 && s <= length).Distinct())
            {
                var a = data.AsSpan(0, split);
                var b = data.AsSpan(split);

                Assert.Equal(Crc32.HashToUInt32(data), Crc32Math.Combine(Crc32.HashToUInt32(a), Crc32.HashToUInt32(b), b.Length));
            }
        }
    }

    [Fact]
    public async Task Segments_compressed_apart_are_one_deflate_stream_in_a_zip_that_any_reader_opens()
    {
        var random = new Random(7);
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"<Z><N>{i}</N><V>{random.Next()}</V></Z>\n"));
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var cuts = new[] { 0, 10, 40_000, 40_001, 90_000, bytes.Length };
        var segments = cuts.Zip(cuts.Skip(1)).Select((c, i) => DeflateSegment.Compress(bytes.AsSpan(c.First, c.Second - c.First), last: i == cuts.Length - 2)).ToList();
        var crc = segments.Aggregate((Crc: 0u, Length: 0L), (s, x) => (Crc32Math.Combine(s.Crc, x.Crc, x.RawLength), s.Length + x.RawLength));
        var compressed = segments.Sum(s => (long)s.Bytes.Length);
        var stamp = new DateTime(2026, 3, 5, 14, 30, 20);

        using var output = new MemoryStream();
        var zip = new ZipContainer(output);
        await zip.AddAsync("HM.xml", stamp, crc.Crc, compressed, crc.Length, async (target, ct) =>
        {
            foreach (var segment in segments)
            {
                await target.WriteAsync(segment.Bytes, ct);
            }
        }, default);
        await zip.AddAsync("пусто.sig", stamp, Crc32.HashToUInt32([]), 2, 0, (target, ct) => target.WriteAsync(new byte[] { 3, 0 }, ct).AsTask(), default);
        await zip.FinishAsync(default);

        using var read = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(["HM.xml", "пусто.sig"], read.Entries.Select(e => e.FullName));
        var entry = read.Entries[0];
        using var content = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(content);
        }

        Assert.Equal(bytes, content.ToArray());
        Assert.Equal(Crc32.HashToUInt32(bytes), entry.Crc32);
        Assert.Equal(compressed, entry.CompressedLength);
        Assert.Equal(stamp, entry.LastWriteTime.DateTime);
        Assert.Equal(0, read.Entries[1].Length);
    }
}
