using System.IO.Compression;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Tests;

/// <summary>A pack's result and the zip bytes written, with readers of its entries.</summary>
internal sealed record PackRun(PackResult Result, byte[] Zip)
{
    /// <summary>Runs a format's pack into memory in a private work directory, which must be empty again afterwards.</summary>
    public static async Task<PackRun> WriteAsync(IRegionFormat format, PackRequest request, IEnumerable<RegistryCase> cases)
    {
        var work = Directory.CreateTempSubdirectory("region-format-").FullName;
        try
        {
            using var zip = new MemoryStream();
            var result = await format.WritePackAsync(request with { WorkDirectory = work }, cases.ToAsyncEnumerable(), zip, default);
            Assert.Empty(Directory.GetFileSystemEntries(work));
            return new PackRun(result, zip.ToArray());
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    public IReadOnlyList<string> EntryNames()
    {
        using var zip = new ZipArchive(new MemoryStream(Zip), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The bytes of the one XML file whose name starts with <paramref name="prefix"/> ("HM", or a whole name).</summary>
    public byte[] Bytes(string prefix) => Entry(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal));

    /// <summary>The bytes of the entry of that exact name.</summary>
    public byte[] Entry(string name) => Entry(n => n == name);

    /// <summary>The text of the one XML file whose name starts with <paramref name="prefix"/>.</summary>
    public string Text(string prefix) => Illustrative.Cp1251.GetString(Bytes(prefix));

    /// <summary>The record lines (after the declaration, root and header lines).</summary>
    public IReadOnlyList<string> Records(string prefix, int headerLines) =>
        Text(prefix).Split('\n').Skip(2 + headerLines).SkipLast(1).ToList();

    /// <summary>Each entry's name, the CRC-32 its zip headers give and the CRC-32 of its content.</summary>
    public IReadOnlyList<(string Name, uint Stored, uint Actual)> Checksums()
    {
        using var zip = new ZipArchive(new MemoryStream(Zip), ZipArchiveMode.Read);
        return zip.Entries.Select(e => (e.FullName, e.Crc32, System.IO.Hashing.Crc32.HashToUInt32(Entry(e.FullName)))).ToList();
    }

    private byte[] Entry(Func<string, bool> which)
    {
        using var zip = new ZipArchive(new MemoryStream(Zip), ZipArchiveMode.Read);
        using var stream = zip.Entries.Single(e => which(e.FullName)).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
