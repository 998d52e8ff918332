using System.IO.Compression;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>
/// An uploaded archive handed to a region format (<see cref="IArchiveFiles"/>) with the hub's hostile-zip limits of
/// <see cref="NsiArchive"/>: at most 32 entries, no absolute or <c>..</c> paths, 256 MiB expanded per file counted
/// while reading, nothing extracted to disk.
/// </summary>
internal sealed class SafeArchive : IArchiveFiles, IDisposable
{
    private readonly ZipArchive _zip;
    private readonly string _file;

    public SafeArchive(Stream zipFile, string file)
    {
        _zip = NsiArchive.OpenChecked(zipFile, file);
        _file = file;
        Names = _zip.Entries.Where(e => !NsiArchive.IsDirectory(e)).Select(e => e.FullName).ToList();
    }

    public IReadOnlyList<string> Names { get; }

    public Stream Open(string name) =>
        NsiArchive.OpenEntry(_zip.GetEntry(name) ?? throw new ArgumentException($"no entry {name}", nameof(name)), _file);

    public void Dispose() => _zip.Dispose();
}
