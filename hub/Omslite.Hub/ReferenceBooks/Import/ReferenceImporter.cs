using Npgsql;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Imports one reference file into the working database: an FFOMS/TFOMS NSI book as XML (plain or zipped), or the
/// PMU tariff CSV. The file is read and checked completely before anything is written, and is then written in one
/// transaction; a bad file changes nothing.
/// </summary>
public sealed class ReferenceImporter(NpgsqlDataSource database, TimeProvider clock)
{
    public Task<ImportResult> ImportFileAsync(string path, ImportOptions options, CancellationToken ct = default) =>
        ImportAsync(ImportSource.FromPath(path), options, ct);

    public Task<ImportResult> ImportAsync(ImportSource source, ImportOptions options, CancellationToken ct = default) =>
        Path.GetExtension(source.Name).ToLowerInvariant() switch
        {
            ".csv" => ImportTariffsAsync(source, options, ct),
            ".xml" or ".zip" => ImportNsiAsync(source, options, ct),
            _ => throw new ImportFileException(source.Name, "неизвестный тип файла: ожидается .xml или .zip (справочник НСИ) либо .csv (тарифы)"),
        };

    private async Task<ImportResult> ImportNsiAsync(ImportSource source, ImportOptions options, CancellationToken ct)
    {
        if (options.MoCode is not null || options.ValidFrom is not null)
        {
            throw new ArgumentException(
                $"файл {source.Name}: --mo и --valid-from относятся только к файлу тарифов (.csv); справочники НСИ общие для всех МО");
        }

        var parsed = ReadNsi(source);
        await new NsiBookStore(database).ReplaceAsync(parsed.Book, parsed.Version, source.Name, parsed.Entries, options.Actor, ct);
        return new ImportResult(source.Name, parsed.Book.Code, parsed.Entries.Count, null, null);
    }

    private static ParsedBook ReadNsi(ImportSource source)
    {
        using var stream = source.Open();
        if (!Path.GetExtension(source.Name).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ParsedBook.Read(stream, source.Name, [source.Name]);
        }

        using var archive = NsiArchive.Open(stream, source.Name);
        return ParsedBook.Read(archive.Content, $"{source.Name} ({archive.EntryName})", [Path.GetFileName(archive.EntryName), source.Name]);
    }

    private async Task<ImportResult> ImportTariffsAsync(ImportSource source, ImportOptions options, CancellationToken ct)
    {
        var rows = TariffCsv.Read(await ReadAllAsync(source, ct), source.Name);
        var validFrom = options.ValidFrom ?? new DateOnly(clock.GetLocalNow().Year, 1, 1);
        var written = await new TariffStore(database).ReplaceVersionAsync(
            options.MoCode, validFrom, source.Name, rows, PmuDefaults.Region25, options.Actor, ct);
        return new ImportResult(source.Name, ImportResult.Tariffs, rows.Count, written.PmuAdded, validFrom);
    }

    private static async Task<byte[]> ReadAllAsync(ImportSource source, CancellationToken ct)
    {
        await using var stream = new SizeLimitedStream(source.Open(), TariffCsv.MaxBytes, () => new ImportFileException(source.Name,
            $"файл больше {TariffCsv.MaxBytes / (1024 * 1024)} МБ"));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
