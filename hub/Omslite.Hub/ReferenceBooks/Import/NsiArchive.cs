using System.IO.Compression;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// The one XML file of a zipped NSI book, read straight from the archive (nothing is extracted to disk). The archive
/// is treated as hostile: a capped number of entries, a capped expanded size counted while reading, no absolute or
/// <c>..</c> paths; directory entries are ignored, and exactly one <c>.xml</c> entry must be there.
/// </summary>
internal sealed class NsiArchive : IDisposable
{
    public const int MaxEntries = 32;
    public const long MaxExpandedBytes = 256L * 1024 * 1024;

    private readonly ZipArchive _zip;

    private NsiArchive(ZipArchive zip, ZipArchiveEntry entry, Stream content)
    {
        _zip = zip;
        EntryName = entry.FullName;
        Content = content;
    }

    /// <summary>The XML entry's path inside the archive.</summary>
    public string EntryName { get; }

    public Stream Content { get; }

    public static NsiArchive Open(Stream zipFile, string file, long maxExpandedBytes = MaxExpandedBytes)
    {
        var zip = OpenChecked(zipFile, file);
        try
        {
            var entry = SingleXml(zip, file);
            return new NsiArchive(zip, entry, OpenEntry(entry, file, maxExpandedBytes));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an uploaded zip as hostile input: not a zip → a clear message; more than <see cref="MaxEntries"/>
    /// entries, or any absolute or <c>..</c> entry path → refused. Shared by every import of zipped files.
    /// </summary>
    public static ZipArchive OpenChecked(Stream zipFile, string file)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException(file, "файл не является zip-архивом или повреждён");
        }

        try
        {
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ImportFileException(file, $"в архиве {zip.Entries.Count} файлов, допускается не больше {MaxEntries}");
            }

            if (zip.Entries.FirstOrDefault(e => !IsSafePath(e.FullName)) is { } unsafeEntry)
            {
                throw new ImportFileException(file, $"недопустимый путь в архиве «{unsafeEntry.FullName}»");
            }

            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>An entry's content, failing once more than <paramref name="maxExpandedBytes"/> came out of it (the
    /// sizes the archive declares are not trusted).</summary>
    public static Stream OpenEntry(ZipArchiveEntry entry, string file, long maxExpandedBytes = MaxExpandedBytes)
    {
        try
        {
            return new SizeLimitedStream(entry.Open(), maxExpandedBytes, () => new ImportFileException(file,
                $"файл {entry.FullName} в архиве после распаковки больше {maxExpandedBytes / (1024 * 1024)} МБ"));
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new ImportFileException(file, $"архив повреждён или сжат неподдерживаемым способом ({ex.Message})");
        }
    }

    public static bool IsDirectory(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    public void Dispose()
    {
        Content.Dispose();
        _zip.Dispose();
    }

    private static ZipArchiveEntry SingleXml(ZipArchive zip, string file)
    {
        var xml = zip.Entries
            .Where(e => !IsDirectory(e) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return xml.Count switch
        {
            1 => xml[0],
            0 => throw new ImportFileException(file, "в архиве нет XML-файла"),
            _ => throw new ImportFileException(file, $"в архиве несколько XML-файлов ({string.Join(", ", xml.Select(e => e.FullName))}); ожидается один"),
        };
    }

    private static bool IsSafePath(string path) =>
        path.Length > 0
        && path[0] is not ('/' or '\\')
        && !path.Contains(':')
        && !path.Split('/', '\\').Contains("..");
}
