using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Visits;

/// <summary>A PMU row of a visit with its catalogue name and the tariff valid on the service date (D6).</summary>
public sealed record VisitServiceRow(
    long Id, string Code, int? Ccode, string? Name, int Quantity, DateOnly ServiceDate, int ExecSpec, int ExecDoc, int ExecPodr, decimal? Tariff);

/// <summary>Add by code, short number or group: the first non-empty one is used (ui.md §3.5.6).</summary>
public sealed record AddServices(string? Code, int? Ccode, int? Group);

/// <summary>The "ПМУ" tab: the services of a visit, added by code/number/group, counted up and down.</summary>
public sealed class VisitServiceStore(NpgsqlDataSource database)
{
    /// <summary>ui.md §3.5.6: the executing unit when the PMU names none.</summary>
    public const int DefaultUnit = 281;

    public async Task<IReadOnlyList<VisitServiceRow>?> ListAsync(int moId, long visitId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        if (await OpenVisitAsync(conn, null, moId, visitId, ct) is null)
        {
            return null;
        }

        return await RowsAsync(conn, null, moId, visitId, ct);
    }

    public async Task<SaveResult<IReadOnlyList<VisitServiceRow>>> AddAsync(int moId, string actor, long visitId, AddServices request, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var visit = await OpenVisitAsync(conn, tx, moId, visitId, ct);
        if (visit is null)
        {
            return new SaveResult<IReadOnlyList<VisitServiceRow>>.NotFound($"Талон \"{visitId}\" не найден");
        }

        if (visit.Status != VisitStatus.Open)
        {
            return new SaveResult<IReadOnlyList<VisitServiceRow>>.Conflict("Талон закрыт: изменения невозможны. Откройте талон, чтобы исправить его.");
        }

        var (pmus, notFound) = await FindPmuAsync(conn, tx, moId, request, ct);
        if (pmus.Count == 0)
        {
            return Invalid(notFound);
        }

        var existing = (await conn.QueryAsync<string>(new CommandDefinition(
            "select code from visit_service where visit_id = @visitId", new { visitId }, tx, cancellationToken: ct))).ToHashSet();
        var audit = new List<AuditEntry>();
        foreach (var pmu in pmus.Where(p => !existing.Contains(p.Code)))
        {
            if (pmu.CodeSpec is not { } execSpec)
            {
                return Invalid($"Код специалиста ПМУ не число: {pmu.Code}");
            }

            var execDoc = visit.DocSpec == execSpec && visit.DocCode is { } own
                ? own
                : await conn.ExecuteScalarAsync<int?>(new CommandDefinition(
                    "select code from doctor where mo_id = @moId and spec = @execSpec and not deleted order by code limit 1",
                    new { moId, execSpec }, tx, cancellationToken: ct));
            if (execDoc is null)
            {
                return Invalid($"В МО нет доктора по специальности: {execSpec}");
            }

            await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into visit_service (visit_id, code, quantity, service_date, exec_spec, exec_doc, exec_podr)
                values (@visitId, @Code, 1, @OpenDate, @execSpec, @execDoc, @podr)
                """,
                new { visitId, pmu.Code, visit.OpenDate, execSpec, execDoc, podr = pmu.CodePodr ?? DefaultUnit },
                tx, cancellationToken: ct));
            audit.Add(new AuditEntry(actor, moId, "visit", visitId.ToString(), "service-add", $"service:{pmu.Code}", null, "1"));
        }

        await Audit.Audit.WriteAsync(conn, tx, audit, ct);
        await tx.CommitAsync(ct);
        return new SaveResult<IReadOnlyList<VisitServiceRow>>.Saved(await RowsAsync(conn, null, moId, visitId, ct));
    }

    /// <summary>+1 or −1; a row whose quantity reaches 0 is removed.</summary>
    public async Task<SaveResult<IReadOnlyList<VisitServiceRow>>> ChangeQuantityAsync(
        int moId, string actor, long visitId, long serviceId, int delta, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var visit = await OpenVisitAsync(conn, tx, moId, visitId, ct);
        if (visit is null)
        {
            return new SaveResult<IReadOnlyList<VisitServiceRow>>.NotFound($"Талон \"{visitId}\" не найден");
        }

        if (visit.Status != VisitStatus.Open)
        {
            return new SaveResult<IReadOnlyList<VisitServiceRow>>.Conflict("Талон закрыт: изменения невозможны. Откройте талон, чтобы исправить его.");
        }

        var row = await conn.QueryFirstOrDefaultAsync<(string Code, int Quantity)?>(new CommandDefinition(
            "select code, quantity from visit_service where id = @serviceId and visit_id = @visitId for update",
            new { serviceId, visitId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return new SaveResult<IReadOnlyList<VisitServiceRow>>.NotFound("Услуга не найдена в талоне");
        }

        var quantity = row.Value.Quantity + delta;
        await conn.ExecuteAsync(new CommandDefinition(
            quantity <= 0 ? "delete from visit_service where id = @serviceId" : "update visit_service set quantity = @quantity where id = @serviceId",
            new { serviceId, quantity }, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "visit", visitId.ToString(),
            quantity <= 0 ? "service-remove" : "service-quantity", $"service:{row.Value.Code}",
            row.Value.Quantity.ToString(), quantity <= 0 ? null : quantity.ToString()), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<IReadOnlyList<VisitServiceRow>>.Saved(await RowsAsync(conn, null, moId, visitId, ct));
    }

    private static SaveResult<IReadOnlyList<VisitServiceRow>> Invalid(string message) =>
        new SaveResult<IReadOnlyList<VisitServiceRow>>.Invalid([new FieldError("code", message)]);

    private static async Task<(IReadOnlyList<Pmu> Found, string NotFound)> FindPmuAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int moId, AddServices request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.Code))
        {
            var code = request.Code.Trim().ToUpperInvariant();
            return (await QueryPmuAsync(conn, tx, "p.code = @code", new { moId, code }, ct), "Нет ткого кода услуги");
        }

        if (request.Ccode is { } ccode)
        {
            return (await QueryPmuAsync(conn, tx, "p.ccode = @ccode", new { moId, ccode }, ct), "Нет такого номера услуги");
        }

        if (request.Group is { } group)
        {
            return (await QueryPmuAsync(conn, tx,
                "p.code in (select m.code from pmu_group_member m join pmu_group g on g.id = m.group_id where g.id = @group and g.mo_id = @moId)",
                new { moId, group }, ct), "Нет такой группы услуг");
        }

        return ([], "Укажите код, номер или группу услуг");
    }

    private static async Task<IReadOnlyList<Pmu>> QueryPmuAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string condition, object args, CancellationToken ct) =>
        (await conn.QueryAsync<Pmu>(new CommandDefinition(
            $"select p.code, p.code_spec, p.code_podr from pmu p where p.mo_id = @moId and {condition} order by p.code",
            args, tx, cancellationToken: ct))).ToList();

    private static async Task<VisitHead?> OpenVisitAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, long visitId, CancellationToken ct) =>
        await conn.QueryFirstOrDefaultAsync<VisitHead>(new CommandDefinition(
            $"select status, open_date, doc_spec, doc_code from visit where id = @visitId and mo_id = @moId and status > 0 {(tx is null ? "" : "for update")}",
            new { visitId, moId }, tx, cancellationToken: ct));

    private static async Task<IReadOnlyList<VisitServiceRow>> RowsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, long visitId, CancellationToken ct) =>
        (await conn.QueryAsync<VisitServiceRow>(new CommandDefinition(
            """
            select s.id, s.code, p.ccode, p.name, s.quantity, s.service_date, s.exec_spec, s.exec_doc, s.exec_podr,
                   (select t.price from tariff t
                    where t.code = s.code
                      and t.version_id = (select tv.id from tariff_version tv
                                          where tv.mo_id = @moId and tv.valid_from <= s.service_date
                                          order by tv.valid_from desc limit 1)) as tariff
            from visit_service s left join pmu p on p.mo_id = @moId and p.code = s.code
            where s.visit_id = @visitId
            order by s.id
            """,
            new { moId, visitId }, tx, cancellationToken: ct))).ToList();

    private sealed record Pmu(string Code, int? CodeSpec, int? CodePodr);

    private sealed record VisitHead(short Status, DateOnly OpenDate, int? DocSpec, int? DocCode);
}
