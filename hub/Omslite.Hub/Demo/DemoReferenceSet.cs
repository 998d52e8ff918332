using System.Reflection;
using Dapper;
using Npgsql;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Demo;

/// <summary>
/// The reference books of the demo MO (region 25), shipped in <c>Demo/ReferenceSet</c> and embedded in the hub: small
/// FFOMS-format XML files of the federal books and a tariff CSV, loaded through the same importers as a user's files,
/// then the MO's local books (<c>local-books.sql</c>). Idempotent and careful: a book that is already loaded — the
/// demo's or a real one the user imported — is left alone, tariffs are loaded only while the MO has none, and local
/// rows are only added when missing.
/// </summary>
public sealed class DemoReferenceSet(NpgsqlDataSource database, ILogger log)
{
    /// <summary>The date the demo tariff version takes effect.</summary>
    public static readonly DateOnly TariffsValidFrom = new(2024, 1, 1);

    private const string ResourcePrefix = "demo-reference-set/";
    private const string Actor = "system";

    private static readonly Assembly Hub = typeof(DemoReferenceSet).Assembly;

    public async Task EnsureAsync(string moCode, CancellationToken ct = default)
    {
        var importer = new ReferenceImporter(database, TimeProvider.System);
        await using var conn = await database.OpenConnectionAsync(ct);
        var loaded = (await conn.QueryAsync<string>(new CommandDefinition("select book from nsi_book", cancellationToken: ct))).ToHashSet();
        foreach (var file in Files(".xml"))
        {
            var book = NsiBookRecognizer.ByFileName(file.Name)
                ?? throw new InvalidOperationException($"demo reference file {file.Name} names no known book");
            if (!loaded.Contains(book.Code))
            {
                await importer.ImportAsync(file, new ImportOptions(Actor), ct);
                log.LogInformation("Loaded the demo reference book {Book}", book.Code);
            }
        }

        var moId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select id from mo where code = @moCode", new { moCode }, cancellationToken: ct));
        var hasTariffs = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from tariff_version where mo_id = @moId)", new { moId }, cancellationToken: ct));
        if (!hasTariffs)
        {
            await importer.ImportAsync(Files(".csv").Single(), new ImportOptions(Actor, moCode, TariffsValidFrom), ct);
            log.LogInformation("Loaded the demo tariffs of MO {Code}", moCode);
        }

        await conn.ExecuteAsync(new CommandDefinition(await ReadTextAsync("local-books.sql"), new { mo = moId }, cancellationToken: ct));
    }

    private static IEnumerable<ImportSource> Files(string extension) =>
        Hub.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(n => new ImportSource(n[ResourcePrefix.Length..], () => Open(n)));

    private static Stream Open(string resource) =>
        Hub.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"embedded resource {resource} is missing");

    private static async Task<string> ReadTextAsync(string name)
    {
        using var reader = new StreamReader(Open(ResourcePrefix + name));
        return await reader.ReadToEndAsync();
    }
}
