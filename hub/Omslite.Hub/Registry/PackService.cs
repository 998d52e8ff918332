using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Hub.Signing;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Registry;

/// <summary>What a user asked for (the pack task, workflows.md §1.7; registry-pack-25.md §4.3).</summary>
/// <param name="Period">The report month.</param>
/// <param name="Number">The pack number, 1–9.</param>
/// <param name="MarkSent">Set every visit of the pack to status 2 (sent).</param>
/// <param name="FreshOnly">Select only open visits (status 1).</param>
/// <param name="CheckOnly">Check only: no zip, nothing marked.</param>
/// <param name="Limit">Stop after this many visits passed; 0 = all.</param>
/// <param name="Sign">Sign each file of the pack with the MO's key (registry-pack-25.md §1.5); ignored by a check.</param>
public sealed record PackOptions(ReportPeriod Period, int Number, bool MarkSent, bool FreshOnly, bool CheckOnly, int Limit = 0, bool Sign = false);

/// <summary>The outcome of a run, as recorded in the pack history.</summary>
public sealed record PackOutcome(
    long PackId, string Month, int Number, bool CheckOnly, string? File, string? StoredPath, int Records, int Persons,
    int Excluded, int MarkedSent, IReadOnlyList<PackProblem> Problems, bool Signed = false)
{
    /// <summary>The task message (workflows.md §1.7): "H записей: X, L записей: Y." and the errors when there are any.</summary>
    public string Message => Excluded > 0
        ? $"H записей: {Records}, L записей: {Persons}. НАЙДЕНО ОШИБОК: {Excluded}."
        : $"H записей: {Records}, L записей: {Persons}.";
}

/// <summary>One problem of an excluded visit, with the ids the UI links to.</summary>
public sealed record PackProblem(long VisitId, int Number, long PatientId, string CardNumber, string Code, string? Field, string Message)
{
    /// <summary>The problems of a run's excluded visits, one per problem, in the order met.</summary>
    public static List<PackProblem> Of(PackResult result) =>
        result.Problems
            .SelectMany(p => p.Problems.Select(x => new PackProblem(p.VisitId, p.Number, p.PatientId, p.CardNumber, x.Code, x.Field, x.Message)))
            .ToList();
}

/// <summary>A pack run that cannot go ahead, with a Russian message and the HTTP status to answer with.</summary>
public sealed class PackException(string message, int status = StatusCodes.Status400BadRequest) : InvalidOperationException(message)
{
    public int Status { get; } = status;

    /// <summary>The problems of the visits the run found before it failed (a signing failure still reports them).</summary>
    public IReadOnlyList<PackProblem> Problems { get; init; } = [];
}

/// <summary>
/// Runs a check or a pack for one MO and report month with the MO's region-format plugin: one run per MO and month
/// at a time (a PostgreSQL advisory lock, across every hub on the database); the zip is written to a private temp
/// file, then kept under <c>&lt;data dir&gt;/packs/&lt;MO code&gt;/</c>; the history row, the visits, the problems
/// and the mark-sent (audited) are written while the zip is (<see cref="PackRecording"/>) and commit in one transaction
/// after the zip exists (D2.5, D2.6). A signed run gives the format the MO's signer; when signing fails nothing is
/// recorded and the visits' problems are still reported.
/// </summary>
public sealed class PackService(
    NpgsqlDataSource database, PluginCatalog plugins, PackSigners signers, OmsliteOptions options, TimeProvider time, ILogger<PackService> log)
{
    // "PACK": the advisory-lock class of pack runs; the object id is made of the MO id and the month.
    private const int LockClass = 0x5041434B;

    public async Task<PackOutcome> RunAsync(int moId, string actor, PackOptions request, CancellationToken ct)
    {
        if (request.Number is < 1 or > 9)
        {
            throw new PackException($"Неверный номер пакета: {request.Number} (ожидается 1–9)");
        }

        if (request.Limit < 0)
        {
            throw new PackException($"Неверное ограничение числа талонов: {request.Limit}");
        }

        var (mo, formatId) = await LoadMoAsync(moId, ct);
        var format = Format(formatId);
        var signer = request.Sign && !request.CheckOnly ? await signers.ForMoAsync(moId, ct) : null;
        var lockId = moId * 10000 + request.Period.Year % 100 * 100 + request.Period.Month;
        await using var conn = await database.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(@LockClass, @lockId)", new { LockClass, lockId }, cancellationToken: ct)))
        {
            throw new PackException($"Формирование пакета за {request.Period} уже выполняется", StatusCodes.Status409Conflict);
        }

        var work = Path.Combine(options.DataDir, "tmp", "pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            // Disposed (rolled back unless committed) before the lock is let go.
            await using var recording = new PackRecording(conn, moId, actor, formatId, request, ct);
            var zipPath = Path.Combine(work, "pack.zip");
            PackResult result;
            using (HubActivity.Phase("pack.write"))
            {
                result = await WriteAsync(format, mo, moId, request, signer, work, zipPath, recording, ct);
            }

            if (signer is not null)
            {
                EnsureSigned(result, signer.Extension, formatId);
            }

            return await RecordAsync(recording, mo.Code, actor, formatId, request, result, zipPath, ct);
        }
        finally
        {
            await conn.ExecuteAsync("select pg_advisory_unlock(@LockClass, @lockId)", new { LockClass, lockId });
            TryDelete(work);
        }
    }

    private async Task<PackResult> WriteAsync(
        IRegionFormat format, RegistryMo mo, int moId, PackOptions request, OpenSslPackSigner? signer, string work, string zipPath,
        PackRecording recording, CancellationToken ct)
    {
        string reason;
        try
        {
            await using var zip = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return await RunFormatAsync(format, mo, moId, request, signer, work, zip, recording, ct);
        }
        catch (RegionFormatException ex)
        {
            reason = ex.Message;
        }
        catch (PackSigningException ex)
        {
            // A format should turn this into its own message; one that lets it through still fails the run clearly.
            reason = $"Ошибка подписи пакета: {ex.Message}";
        }

        log.LogWarning("Pack of MO {Mo} for {Month} refused by {Format}: {Reason}", mo.Code, request.Period, format.Id, reason);
        if (signer?.Failure is null)
        {
            throw new PackException(reason);
        }

        // D2.5: a signing failure leaves no zip and marks nothing, but the visits' own problems are still reported:
        // the same selection is checked again (no files) for them.
        var check = await RunFormatAsync(format, mo, moId, request with { CheckOnly = true }, null, work, Stream.Null, null, ct);
        throw new PackException(reason) { Problems = PackProblem.Of(check) };
    }

    private async Task<PackResult> RunFormatAsync(
        IRegionFormat format, RegistryMo mo, int moId, PackOptions request, IPackSigner? signer, string work, Stream zip,
        PackRecording? recording, CancellationToken ct)
    {
        var scratch = Directory.CreateDirectory(Path.Combine(work, "scratch-" + Guid.NewGuid().ToString("N"))).FullName;
        await using var reader = await database.OpenConnectionAsync(ct);
        return await format.WritePackAsync(
            new PackRequest
            {
                Mo = mo,
                Period = request.Period,
                Number = request.Number,
                CheckOnly = request.CheckOnly,
                Limit = request.Limit,
                RunDate = DateOnly.FromDateTime(time.GetLocalNow().DateTime),
                Signer = signer,
                Selected = recording is null ? null : recording.Start,
                Including = recording is null ? null : recording.Include,
                WorkDirectory = scratch,
            },
            RegistryCaseReader.ReadAsync(reader, moId, request.Period, request.FreshOnly, ct).ReadAhead(256, ct),
            zip,
            ct);
    }

    /// <summary>A signed run must give every file of the zip its signature: a format built before signing existed
    /// (SDK 1.1) ignores the signer, and its unsigned pack must not pass for a signed one.</summary>
    private static void EnsureSigned(PackResult result, string extension, string formatId)
    {
        if (result.FileName is null)
        {
            return;
        }

        var unsigned = result.Entries
            .Where(e => !e.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            .Where(e => !result.Entries.Contains(Path.ChangeExtension(e, extension), StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unsigned.Count > 0)
        {
            throw new PackException(
                $"Модуль формата «{formatId}» не подписал файлы пакета ({string.Join(", ", unsigned)}): обновите модуль до версии с подписью пакетов",
                StatusCodes.Status500InternalServerError);
        }
    }

    private async Task<PackOutcome> RecordAsync(
        PackRecording recording, string moCode, string actor, string formatId, PackOptions request, PackResult result,
        string zipPath, CancellationToken ct)
    {
        var file = result.FileName;
        if (file is not null && (Path.GetFileName(file) != file || !file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                                 || file.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))))
        {
            throw new PackException($"Модуль формата «{formatId}» назвал пакет недопустимо: {file}", StatusCodes.Status500InternalServerError);
        }

        var problems = PackProblem.Of(result);
        var signed = request.Sign && file is not null;
        string? stored = null;
        var (tx, packId, marked) = await recording.FinishAsync(result);
        try
        {
            if (file is not null)
            {
                using var storing = HubActivity.Phase("pack.store");
                var folder = Directory.CreateDirectory(Path.Combine(options.DataDir, "packs", moCode)).FullName;
                stored = $"{packId}-{file}";
                File.Move(zipPath, Path.Combine(folder, stored));
                await tx.Connection!.ExecuteAsync(new CommandDefinition(
                    """
                    update pack set file_name = @file, signed = @signed, stored_name = @stored, file_size = @size, marked_sent = @marked
                    where id = @packId
                    """,
                    new { file, signed, stored, size = new FileInfo(Path.Combine(folder, stored)).Length, marked, packId }, tx, cancellationToken: ct));
            }

            using (HubActivity.Phase("pack.commit"))
            {
                await tx.CommitAsync(ct);
            }

            log.LogInformation("Pack {PackId} of MO {Mo} for {Month} by {Actor}: {Records} records, {Excluded} excluded, {Marked} marked sent, file {File}, signed {Signed}",
                packId, moCode, request.Period, actor, result.Records, result.Excluded, marked, file, signed);
            return new PackOutcome(packId, request.Period.ToString(), request.Number, request.CheckOnly, file,
                stored is null ? null : Path.Combine(options.DataDir, "packs", moCode, stored),
                result.Records, result.Persons, result.Excluded, marked, problems, signed);
        }
        catch
        {
            if (stored is not null)
            {
                File.Delete(Path.Combine(options.DataDir, "packs", moCode, stored));
            }

            throw;
        }
    }

    private async Task<(RegistryMo Mo, string FormatId)> LoadMoAsync(int moId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<MoRow>(new CommandDefinition(
            "select code, short_code, name, region, okato, region_format, lpu_1, plat, settings::text as settings from mo where id = @moId",
            new { moId }, cancellationToken: ct)) ?? throw new PackException("МО не найдена", StatusCodes.Status404NotFound);
        if (string.IsNullOrWhiteSpace(row.RegionFormat))
        {
            throw new PackException("Для МО не выбран формат региона: укажите «Формат региона» (например, primorye-25) в настройках МО");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(row.Settings))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    settings[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        var mo = new RegistryMo
        {
            Code = row.Code, ShortCode = row.ShortCode, Name = row.Name, Region = row.Region, Okato = row.Okato,
            Lpu1 = row.Lpu1, Plat = row.Plat, Settings = settings,
        };
        return (mo, row.RegionFormat.Trim());
    }

    /// <summary>The MO's region-format plugin, or a message saying why it is not there.</summary>
    private IRegionFormat Format(string id)
    {
        if (plugins.Get<IRegionFormat>().FirstOrDefault(f => f.Id == id) is { } format)
        {
            return format;
        }

        var entry = plugins.Entries.FirstOrDefault(e => e.Id == id);
        throw new PackException(entry is null
            ? $"Модуль формата региона «{id}» не установлен: нет такого модуля в каталоге модулей хаба"
            : $"Модуль формата региона «{id}» не загружен ({entry.Status.ToString().ToLowerInvariant()}): {entry.Error ?? "это не модуль формата региона"}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class MoRow
    {
        public string Code { get; init; } = "";
        public string ShortCode { get; init; } = "";
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
        public string Okato { get; init; } = "";
        public string? RegionFormat { get; init; }
        public string? Lpu1 { get; init; }
        public string? Plat { get; init; }
        public string Settings { get; init; } = "{}";
    }
}
