using Dapper;
using Npgsql;
using Omslite.Hub.Audit;
using Omslite.Hub.Plugins;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>What a service summary covers (workflows.md §4.4).</summary>
/// <param name="Mode">Month, period or year.</param>
/// <param name="Month">The month (month mode), or any month of the year (year mode).</param>
/// <param name="From">The period's first day.</param>
/// <param name="To">The period's last day.</param>
/// <param name="ReferringMo">Only the visits referred by this MO (short code).</param>
/// <param name="ClosedOnly">Only sent (closed) visits.</param>
public sealed record ServiceSummaryQuery(SummaryMode Mode, ReportPeriod Month, DateOnly? From, DateOnly? To, string? ReferringMo, bool ClosedOnly);

/// <summary>
/// The preliminary calculations (workflows.md §4, D6): price = the PMU tariff in effect on the service date ×
/// quantity, exact decimals; the MO's format prints them. Each answers the task outcome with the file kept for
/// download.
/// </summary>
public sealed class Calculations(NpgsqlDataSource database, PluginCatalog plugins, ProducedFiles files)
{
    /// <summary>The service rows of visits with the tariff of the service date (null when the code has none then).</summary>
    private const string ServiceRows =
        """
        select v.id as visit_id, v.number, v.npr_mo, v.npr_number, v.open_date, v.close_date, v.ds1,
               p.fam, p.im, p.ot, p.sex, p.birth_date, coalesce(nullif(v.policy_number, ''), p.policy_number, p.enp) as policy,
               s.code, s.quantity, tr.price, tr.name as tariff_name
        from visit v
        join patient p on p.id = v.patient_id
        join visit_service s on s.visit_id = v.id
        left join lateral (select tv.id from tariff_version tv
                           where tv.mo_id = v.mo_id and tv.valid_from <= s.service_date
                           order by tv.valid_from desc limit 1) ver on true
        left join tariff tr on tr.version_id = ver.id and tr.code = s.code
        """;

    private sealed record ServiceRow(long VisitId, int Number, string? NprMo, string? NprNumber, DateOnly OpenDate, DateOnly CloseDate, string? Ds1,
        string? Fam, string? Im, string? Ot, string? Sex, DateOnly? BirthDate, string? Policy, string Code, int Quantity, decimal? Price, string? TariffName)
    {
        public decimal? Amount => Price * Quantity;
    }

    /// <summary>§4.2: a register per referring MO of the month, zipped; <paramref name="markSent"/> closes the visits printed.</summary>
    public async Task<TaskOutcome> ReferralRegistersAsync(int moId, ReportPeriod month, bool fresh, bool markSent, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var writer = mo.Capability<IRegisterWriter>(plugins, "печатать реестры");
        var rows = (await conn.QueryAsync<ServiceRow>(new CommandDefinition(
            ServiceRows + "\n" + $"""
                 where v.mo_id = @moId and v.report_year = @year and v.report_month = @month and {(fresh ? "v.status = 1" : "v.status > 0")}
                   and coalesce(v.npr_mo, '') <> ''
                 order by v.npr_mo, v.number, s.id
                 """, new { moId, year = month.Year, month = month.Month }, cancellationToken: ct))).ToList();
        var names = (await conn.QueryAsync<(string ShortCode, string Name)>(new CommandDefinition(
            "select short_code, name from mo_local where mo_id = @moId", new { moId }, cancellationToken: ct))).ToDictionary(m => m.ShortCode, m => m.Name);
        var request = new ReferralRegistersRequest
        {
            Mo = mo.Mo, Period = month, TemplateDirectory = files.TemplateDirectory(mo.Mo.Code),
            Mos = rows.GroupBy(r => r.NprMo!).Select(g => new ReferringMoRows(g.Key, names.GetValueOrDefault(g.Key), g.Select(r => new ReferralRow
            {
                Number = r.Number, Fam = r.Fam, Im = r.Im, Ot = r.Ot, Sex = r.Sex, BirthDate = r.BirthDate, Policy = r.Policy, ReferralNumber = r.NprNumber,
                Ds1 = r.Ds1, OpenDate = r.OpenDate, CloseDate = r.CloseDate, Code = r.Code, Amount = r.Amount,
            }).ToList())).ToList(),
        };

        await using var tx = await conn.BeginTransactionAsync(ct);
        var file = await files.SaveAsync(conn, tx, moId, mo.Mo.Code, "calculation", actor, output => writer.WriteRegister(request, output), ct);
        var written = file.Rows;
        try
        {
            var closed = 0;
            if (markSent)
            {
                var ids = (await conn.QueryAsync<long>(new CommandDefinition(
                    "update visit set status = 2, version = version + 1, updated_at = now() where mo_id = @moId and id = any(@ids) and status = 1 returning id",
                    new { moId, ids = rows.Select(r => r.VisitId).Distinct().ToArray() }, tx, cancellationToken: ct))).ToList();
                closed = ids.Count;
                await BulkAudit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "produced_file", file.Id.ToString(), "mark-sent", "status", "1", "2"), ids, ct);
            }

            await tx.CommitAsync(ct);
            var untariffed = rows.Count(r => r.Price is null);
            return new TaskOutcome(true,
                $"Расчет Для МО по направлениям Записей обработано {written}" + (untariffed > 0 ? $" (без тарифа: {untariffed})" : ""),
                file.Name, new { file = file.Name, rows = written, mos = request.Mos.Count, withoutTariff = untariffed, markedSent = closed });
        }
        catch
        {
            ProducedFiles.Discard(file);
            throw;
        }
    }

    /// <summary>§4.3: the month's services per referring MO (known to the MO book), Σ quantity and Σ amount.</summary>
    public async Task<TaskOutcome> MonthSummaryAsync(int moId, ReportPeriod month, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var writer = mo.Capability<IRegisterWriter>(plugins, "печатать реестры");
        var rows = (await conn.QueryAsync<ServiceRow>(new CommandDefinition(
            ServiceRows + " where v.mo_id = @moId and v.report_year = @year and v.report_month = @month and v.status > 0 and tr.price is not null",
            new { moId, year = month.Year, month = month.Month }, cancellationToken: ct))).ToList();
        var mos = (await conn.QueryAsync<(string ShortCode, string Code, string ShortName)>(new CommandDefinition(
            "select short_code, code, short_name from mo_local where mo_id = @moId", new { moId }, cancellationToken: ct))).ToDictionary(m => m.ShortCode);
        var summary = rows.Where(r => r.NprMo is not null && mos.ContainsKey(r.NprMo))
            .GroupBy(r => (Mo: mos[r.NprMo!], r.Code))
            .Select(g => new MonthSummaryRow(g.Key.Mo.Code, g.Key.Mo.ShortName, g.Key.Code, g.Sum(r => r.Quantity), g.Sum(r => r.Amount!.Value)))
            .ToList();
        return await PrintAsync(mo, writer, new MonthSummaryRequest { Mo = mo.Mo, Period = month, TemplateDirectory = files.TemplateDirectory(mo.Mo.Code), Rows = summary },
            "Расчет Расчет услуг за месяц", actor, ct);
    }

    /// <summary>§4.4: the services of a month, period or year, per code and tariff.</summary>
    public async Task<TaskOutcome> ServiceSummaryAsync(int moId, ServiceSummaryQuery query, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var writer = mo.Capability<IRegisterWriter>(plugins, "печатать реестры");
        var filter = query.Mode switch
        {
            SummaryMode.Period => "v.open_date >= @from and v.close_date <= @to",
            SummaryMode.Year => "v.report_year = @year",
            _ => "v.report_year = @year and v.report_month = @month",
        };
        var rows = (await conn.QueryAsync<ServiceRow>(new CommandDefinition(
            ServiceRows + $" where v.mo_id = @moId and {filter} and {(query.ClosedOnly ? "v.status = 2" : "v.status > 0")}"
                        + (query.ReferringMo is null ? "" : " and v.npr_mo = @referringMo"),
            new { moId, year = query.Month.Year, month = query.Month.Month, from = query.From, to = query.To, referringMo = query.ReferringMo },
            cancellationToken: ct))).ToList();
        var summary = rows.GroupBy(r => (r.Code, r.TariffName, r.Price))
            .Select(g => new ServiceSummaryRow(g.Key.Code, g.Key.TariffName, g.Key.Price, g.Sum(r => r.Quantity), g.Key.Price is null ? null : g.Sum(r => r.Amount!.Value)))
            .ToList();
        var period = query.Mode == SummaryMode.Period ? new ReportPeriod(query.From!.Value.Year, query.From.Value.Month) : query.Month;
        return await PrintAsync(mo, writer, new ServiceSummaryRequest
        {
            Mo = mo.Mo, Period = period, TemplateDirectory = files.TemplateDirectory(mo.Mo.Code), Mode = query.Mode, From = query.From, To = query.To,
            ReferringMo = query.ReferringMo, Rows = summary,
        }, "Расчет Расчет услуг за месяц (год) по МО", actor, ct);
    }

    /// <summary>§4.1: the month's outpatient visits priced by the format, printed in the payer's layout.</summary>
    public async Task<TaskOutcome> OwnCalculationAsync(int moId, ReportPeriod month, string payer, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var writer = mo.Capability<IRegisterWriter>(plugins, "печатать реестры");
        var calculator = mo.Capability<IPreliminaryCalculator>(plugins, "рассчитывать реестр");
        var priced = new List<InvoiceCase>();
        var unsupported = new List<string>();
        foreach (var visit in await CalculationVisits.LoadAsync(conn, moId, month, ct))
        {
            var result = calculator.Calculate(visit, mo.Mo);
            if (result.Case is { } c)
            {
                priced.Add(c);
            }
            else
            {
                unsupported.Add(result.Unsupported ?? visit.Number.ToString());
            }
        }

        var outcome = await PrintAsync(mo, writer, new InvoiceRegisterRequest
        {
            Mo = mo.Mo, Period = month, TemplateDirectory = files.TemplateDirectory(mo.Mo.Code), Payer = payer, Calculated = true,
            PayerName = payer == "0" ? null : await RegisterNames.SmoAsync(conn, moId, payer, ct),
            MoShortName = await RegisterNames.MoShortNameAsync(conn, moId, mo.Mo.Code[^3..], ct), MoOgrn = mo.Mo.Setting("ogrn"), Cases = priced,
        }, "Расчет Амбулаторный (предварительный расчет)", actor, ct);
        return unsupported.Count == 0
            ? outcome
            : outcome with { Message = $"{outcome.Message}. Не рассчитано {unsupported.Count}: {string.Join("; ", unsupported.Take(10))}" };
    }

    private async Task<TaskOutcome> PrintAsync(ReturnsMo mo, IRegisterWriter writer, RegisterRequest request, string label, string actor, CancellationToken ct)
    {
        var file = await files.StoreAsync(mo.Id, mo.Mo.Code, "calculation", actor, output => writer.WriteRegister(request, output), ct);
        return new TaskOutcome(true, $"{label} Записей обработано {file.Rows}", file.Name, new { file = file.Name, rows = file.Rows });
    }
}
