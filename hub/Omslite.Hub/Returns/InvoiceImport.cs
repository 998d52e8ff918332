using Dapper;
using Npgsql;
using Omslite.Hub.Audit;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>Which register an invoice import prints.</summary>
public enum InvoiceRegister
{
    /// <summary>The payer's layout, told by the archive name: an SMO ("Амбулаторный") or the fund ("Инокраевые").</summary>
    Payer,

    /// <summary>The services priced by the PMU tariffs ("Тарифы ПМУ").</summary>
    Tariffs,
}

/// <summary>What to do with an invoice besides printing its register (D5).</summary>
/// <param name="MarkMek">Mark the refused cases' visits MEK and reopen them (on by default).</param>
/// <param name="FixSmo">"Корректировать СМО": set the invoice's SMO on its visits and their patients (off by default).</param>
/// <param name="Register">Which register to print.</param>
public sealed record InvoiceOptions(bool MarkMek = true, bool FixSmo = false, InvoiceRegister Register = InvoiceRegister.Payer);

/// <summary>The outcome of an invoice import.</summary>
public sealed record InvoiceImportResult(
    long Import, string File, string Payer, string Period, string Register, int Records, int MekRows, int Mek, int SmoFixed,
    IReadOnlyList<int> NotFound, string RegisterFile, int RegisterRows)
{
    /// <summary>workflows.md §3.6, with the single space users see.</summary>
    public string Message =>
        $"Счет {File}. Записей в счете {Records}, (МЭК {Mek}), записей в реестре {RegisterRows}."
        + (NotFound.Count > 0 ? $" Талон не найден: {string.Join(", ", NotFound.Take(20))}{(NotFound.Count > 20 ? ", ..." : "")}." : "");
}

/// <summary>
/// Imports an invoice archive (workflows.md §3, D5): the MO's format parses the name and reads the HM/LM files from
/// the archive opened with the hub's hostile-zip limits; the refused cases (SUMP 0 or missing) mark their visits
/// MEK and reopen them, audited; the payer's register is printed from the format's template (the MO's own, when it
/// has one) and kept for download. One transaction: a bad file changes nothing.
/// </summary>
public sealed class InvoiceImport(NpgsqlDataSource database, PluginCatalog plugins, ProducedFiles files)
{
    private sealed record VisitRow(long Id, int Number, int Status, bool Mek, string? Smo, long PatientId, string? PatientSmo);

    public async Task<InvoiceImportResult> ImportAsync(int moId, string fileName, Func<Stream> open, InvoiceOptions options, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var reader = mo.Capability<IInvoiceReader>(plugins, "читать счета");
        var writer = mo.Capability<IRegisterWriter>(plugins, "печатать реестры");
        var name = reader.ParseInvoiceName(fileName);
        if (name.MoCode != mo.Mo.Code)
        {
            throw new InvalidOperationException($"Код МО: {name.MoCode}, не зарегистрирован");
        }

        Invoice invoice;
        using (HubActivity.Phase("invoice.read"))
        await using (var content = open())
        using (var archive = new SafeArchive(content, fileName))
        {
            invoice = reader.ReadInvoice(archive, name, ct);
        }

        var period = new ReportPeriod(name.Year, name.Month);
        // The register depends on the invoice alone: it is written on the other core while the database matches and
        // marks the visits, and recorded after them.
        var request = await RegisterRequestAsync(conn, mo, name, invoice, period, options.Register, ct);
        var writing = Task.Run(() => files.WriteAsync(output => writer.WriteRegister(request, output)), ct);
        try
        {
            return await ImportReadAsync(conn, mo, fileName, name, period, invoice, writing, options, actor, ct);
        }
        catch
        {
            await DiscardAsync(writing);
            throw;
        }
    }

    /// <summary>The import of an invoice read, its register being written by <paramref name="writing"/>.</summary>
    private async Task<InvoiceImportResult> ImportReadAsync(NpgsqlConnection conn, ReturnsMo mo, string fileName, InvoiceName name, ReportPeriod period,
        Invoice invoice, Task<WrittenFile> writing, InvoiceOptions options, string actor, CancellationToken ct)
    {
        var moId = mo.Id;
        var mekNumbers = invoice.Cases.Where(c => c.IsMek && c.NHistory is not null).Select(c => c.NHistory!.Value).Distinct().ToList();
        var fixSmo = options.FixSmo && !name.ToFund;
        Dictionary<int, VisitRow> visits;
        using (HubActivity.Phase("invoice.match"))
        {
            // Only the visits something is done to: the refused ones, and every one when the SMO is corrected.
            visits = await VisitsAsync(conn, moId, fixSmo ? invoice.Cases.Where(c => c.NHistory is not null).Select(c => c.NHistory!.Value) : mekNumbers, ct);
        }

        var notFound = invoice.Cases.Where(c => c.IsMek && (c.NHistory is null || !visits.ContainsKey(c.NHistory.Value)))
            .Select(c => c.NHistory ?? 0).Distinct().ToList();

        await using var tx = await conn.BeginTransactionAsync(ct);
        var audit = new List<AuditEntry>();
        int marked, fixedSmo;
        using (HubActivity.Phase("invoice.mark"))
        {
            marked = options.MarkMek ? await MarkMekAsync(conn, tx, moId, mekNumbers.Where(visits.ContainsKey).Select(n => visits[n]).ToList(), actor, audit, ct) : 0;
            fixedSmo = fixSmo ? await FixSmoAsync(conn, tx, moId, name.Payer, visits.Values.ToList(), actor, audit, ct) : 0;
        }

        ProducedFile file;
        using (HubActivity.Phase("invoice.register"))
        {
            file = await files.RecordAsync(conn, tx, moId, mo.Mo.Code, "invoice-register", actor, await writing, ct);
        }

        var rows = file.Rows;
        try
        {
            var register = options.Register == InvoiceRegister.Tariffs ? "pmu" : name.ToFund ? "foms" : "amb";
            long id;
            using (HubActivity.Phase("invoice.store"))
            {
                id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    insert into invoice_import (mo_id, file_name, payer, report_year, report_month, register, mark_mek, fix_smo, records, mek_rows,
                                                mek_marked, smo_fixed, not_found, register_file, register_rows, imported_by)
                    values (@moId, @fileName, @payer, @year, @month, @register, @markMek, @fixSmo, @records, @mekRows, @marked, @fixedSmo, @notFound,
                            @fileId, @rows, @actor)
                    returning id
                    """,
                    new
                    {
                        moId, fileName, payer = name.Payer, year = name.Year, month = name.Month, register, markMek = options.MarkMek, fixSmo = options.FixSmo,
                        records = invoice.Cases.Count, mekRows = invoice.Cases.Count(c => c.IsMek), marked, fixedSmo, notFound = notFound.ToArray(),
                        fileId = file.Id, rows, actor,
                    }, tx, cancellationToken: ct));
                audit.Add(new AuditEntry(actor, moId, "invoice_import", id.ToString(), "import", null, null, fileName));
                await Audit.Audit.WriteAsync(conn, tx, audit, ct);
            }

            using (HubActivity.Phase("invoice.commit"))
            {
                await tx.CommitAsync(ct);
            }

            return new InvoiceImportResult(id, fileName, name.Payer, period.ToString(), register, invoice.Cases.Count, invoice.Cases.Count(c => c.IsMek),
                marked, fixedSmo, notFound, file.Name, rows);
        }
        catch
        {
            ProducedFiles.Discard(file);
            throw;
        }
    }

    /// <summary>Drops the register of an import that failed, once its writing has ended (a failed writing left none).</summary>
    private static async Task DiscardAsync(Task<WrittenFile> writing)
    {
        try
        {
            (await writing).Discard();
        }
        catch (Exception)
        {
            // The writing's own failure, if that is what failed the import, is already on its way up.
        }
    }

    /// <summary>The MO's visits of these numbers, by number.</summary>
    private static async Task<Dictionary<int, VisitRow>> VisitsAsync(NpgsqlConnection conn, int moId, IEnumerable<int> numbers, CancellationToken ct) =>
        (await conn.QueryAsync<VisitRow>(new CommandDefinition(
            """
            select v.id, v.number, v.status::int as status, v.mek, v.smo, p.id as patient_id, p.smo as patient_smo
            from visit v join patient p on p.id = v.patient_id
            where v.mo_id = @moId and v.number = any(@numbers) and v.status > 0
            """, new { moId, numbers = numbers.Distinct().ToArray() }, cancellationToken: ct)))
        .ToDictionary(v => v.Number);

    /// <summary>D5: the refused cases' visits get MEK 1 and status 1; the count is of the visits marked.</summary>
    private static async Task<int> MarkMekAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, IReadOnlyList<VisitRow> visits, string actor,
        List<AuditEntry> audit, CancellationToken ct)
    {
        var changed = visits.Where(v => !v.Mek || v.Status != 1).ToList();
        await conn.ExecuteAsync(new CommandDefinition(
            "update visit set mek = true, status = 1, version = version + 1, updated_at = now() where mo_id = @moId and id = any(@ids)",
            new { moId, ids = changed.Select(v => v.Id).ToArray() }, tx, cancellationToken: ct));
        foreach (var v in changed)
        {
            if (!v.Mek)
            {
                audit.Add(new AuditEntry(actor, moId, "visit", v.Id.ToString(), "mek-mark", "mek", "false", "true"));
            }

            if (v.Status != 1)
            {
                audit.Add(new AuditEntry(actor, moId, "visit", v.Id.ToString(), "mek-mark", "status", v.Status.ToString(), "1"));
            }
        }

        return visits.Count;
    }

    /// <summary>workflows.md §3.7: the invoice's SMO onto its visits and their patients where they differ.</summary>
    private static async Task<int> FixSmoAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, string smo, IReadOnlyList<VisitRow> visits, string actor,
        List<AuditEntry> audit, CancellationToken ct)
    {
        var differing = visits.Where(v => (v.Smo ?? v.PatientSmo) != smo).ToList();
        var patients = differing.Where(v => v.PatientSmo != smo).GroupBy(v => v.PatientId).Select(g => g.First()).ToList();
        await conn.ExecuteAsync(new CommandDefinition(
            "update visit set smo = @smo, version = version + 1, updated_at = now() where mo_id = @moId and id = any(@ids)",
            new { moId, smo, ids = differing.Select(v => v.Id).ToArray() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update patient set smo = @smo, version = version + 1, updated_at = now() where mo_id = @moId and id = any(@ids)",
            new { moId, smo, ids = patients.Select(v => v.PatientId).ToArray() }, tx, cancellationToken: ct));
        audit.AddRange(differing.Select(v => new AuditEntry(actor, moId, "visit", v.Id.ToString(), "fix-smo", "smo", v.Smo, smo)));
        audit.AddRange(patients.Select(v => new AuditEntry(actor, moId, "patient", v.PatientId.ToString(), "fix-smo", "smo", v.PatientSmo, smo)));
        return differing.Count;
    }

    private async Task<RegisterRequest> RegisterRequestAsync(NpgsqlConnection conn, ReturnsMo mo, InvoiceName name, Invoice invoice, ReportPeriod period,
        InvoiceRegister register, CancellationToken ct)
    {
        var payerName = name.ToFund ? null : await RegisterNames.SmoAsync(conn, mo.Id, name.Payer, ct);
        var templates = files.TemplateDirectory(mo.Mo.Code);
        if (register == InvoiceRegister.Tariffs)
        {
            var codes = invoice.Services.Select(s => s.Code).ToArray();
            var names = (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition(
                "select code, name from pmu where mo_id = @moId and code = any(@codes)", new { moId = mo.Id, codes }, cancellationToken: ct)))
                .ToDictionary(p => p.Code, p => p.Name);
            return new TariffRegisterRequest
            {
                Mo = mo.Mo, Period = period, TemplateDirectory = templates, Payer = name.Payer, PayerName = payerName,
                Rows = invoice.Services.Select(s => new TariffRow(s.Code, names.GetValueOrDefault(s.Code), s.Tariff, s.Quantity)).ToList(),
            };
        }

        return new InvoiceRegisterRequest
        {
            Mo = mo.Mo, Period = period, TemplateDirectory = templates, Payer = name.Payer, PayerName = payerName,
            MoShortName = await RegisterNames.MoShortNameAsync(conn, mo.Id, mo.Mo.Code[^3..], ct), MoOgrn = mo.Mo.Setting("ogrn"),
            Cases = invoice.Cases,
        };
    }
}

/// <summary>Names the registers print, from the MO's local books.</summary>
internal static class RegisterNames
{
    public static Task<string?> SmoAsync(NpgsqlConnection conn, int moId, string code, CancellationToken ct) =>
        conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select name from smo_local where mo_id = @moId and code = @code", new { moId, code }, cancellationToken: ct));

    /// <summary>The short name of an MO in the book of regional MOs, by its 3-character short code.</summary>
    public static Task<string?> MoShortNameAsync(NpgsqlConnection conn, int moId, string shortCode, CancellationToken ct) =>
        conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select short_name from mo_local where mo_id = @moId and short_code = @shortCode", new { moId, shortCode }, cancellationToken: ct));
}
