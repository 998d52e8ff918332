using System.Diagnostics;
using System.Globalization;
using Omslite.Hub.Api;
using Omslite.Hub.Hosting;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.Security;

namespace Omslite.Hub.ReferenceBooks;

/// <summary>
/// <c>POST /api/nsi/import</c> (admin): the upload form of the "Справочники" screen — an NSI book (XML or zip) or the
/// MO's tariff CSV, through the same importer as <c>omslite nsi import</c>. The upload is kept in a private temp
/// file only while it is read, and a bad file changes nothing.
/// </summary>
public static class ImportEndpoints
{
    public static void MapNsiImport(this RouteGroupBuilder api) =>
        api.MapPost("/nsi/import", ImportAsync)
            .RequireMo()
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery();

    private static async Task<IResult> ImportAsync(
        IFormFile? file, string? validFrom, CurrentUser user, ReferenceImporter importer, OmsliteOptions options,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (file is null || file.Length == 0)
        {
            return TaskEnvelope.Failed("Выберите файл для загрузки", started);
        }

        DateOnly? from = null;
        if (!string.IsNullOrWhiteSpace(validFrom))
        {
            if (!DateOnly.TryParseExact(validFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return TaskEnvelope.Failed($"Неверная дата начала действия тарифов: {validFrom}", started);
            }

            from = parsed;
        }

        // The client's name is only a label: it never reaches the file system.
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var temp = Path.Combine(options.DataDir, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            await using (var target = File.Create(temp))
            {
                await file.CopyToAsync(target, ct);
            }

            var moCode = user.MoCode;
            var result = await importer.ImportAsync(
                new ImportSource(name, () => File.OpenRead(temp)),
                new ImportOptions(user.Login, name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? moCode : null, from),
                ct);
            return TaskEnvelope.Ok(result.Message, started, result);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or InvalidDataException)
        {
            loggers.CreateLogger(typeof(ImportEndpoints)).LogWarning("Import of {File} by {User} refused: {Reason}", name, user.Login, ex.Message);
            return TaskEnvelope.Failed(ex.Message, started);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
