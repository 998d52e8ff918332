using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Templates;

/// <summary>Visit templates of one MO: list, read, save (validated, audited), delete (admins), apply to a visit.</summary>
public sealed class TemplateStore(NpgsqlDataSource database, VisitStore visits)
{
    private const string Columns =
        "name, for_pom = 2 as urgent, first_visit, ist_fin, purpose, doc_spec, doc_code, ds1, char1, ishod, rslt, finality, visit_pol, visit_home, prof_k, ksg, sh";

    public async Task<Page<TemplateRecord>> ListAsync(int moId, PageRequest page, CancellationToken ct)
    {
        var args = new { moId, q = SqlText.LikeLiteral(page.Q), limit = page.PageSize, offset = page.Offset };
        const string where = "where mo_id = @moId and not deleted and (@q::text is null or lower(name) like lower(@q) || '%')";
        await using var conn = await database.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from visit_template {where}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<int, TemplateFields, TemplateRecord>(new CommandDefinition(
            $"select id, {Columns} from visit_template {where} order by id limit @limit offset @offset", args, cancellationToken: ct),
            (id, fields) => new TemplateRecord(id, fields), splitOn: "name");
        return new Page<TemplateRecord>(rows.ToList(), total, page.Page, page.PageSize);
    }

    public async Task<TemplateRecord?> GetAsync(int moId, int id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await ReadAsync(conn, null, moId, id, ct);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a template.</summary>
    public async Task<SaveResult<TemplateRecord>> SaveAsync(int moId, string actor, int? id, TemplateFields input, CancellationToken ct)
    {
        var template = input with { Name = input.Name?.Trim(), Ds1 = input.Ds1?.Trim().ToUpperInvariant() };
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        TemplateRecord? current = null;
        if (id is { } existingId && (current = await ReadAsync(conn, tx, moId, existingId, ct)) is null)
        {
            return new SaveResult<TemplateRecord>.NotFound($"Нет шаблона №{existingId}");
        }

        var known = await conn.QuerySingleAsync<(bool IstFin, bool Purpose, bool Doctor)>(new CommandDefinition(
            """
            select exists(select 1 from local_lookup where mo_id = @moId and book = 'ist_fin' and code = @IstFin),
                   exists(select 1 from local_lookup where mo_id = @moId and book = 'purpose' and code = @Purpose),
                   exists(select 1 from doctor where mo_id = @moId and spec = @DocSpec and code = @DocCode and not deleted)
            """,
            new { moId, template.IstFin, template.Purpose, template.DocSpec, template.DocCode }, tx, cancellationToken: ct));
        var errors = RuleSet.Run(TemplateRules.All, new TemplateCheck(template, known.IstFin, known.Purpose, known.Doctor)).ToList();
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists(select 1 from visit_template where mo_id = @moId and name = @Name and id <> coalesce(@id, -1) and not deleted)",
                new { moId, template.Name, id }, tx, cancellationToken: ct)))
        {
            errors.Add(new FieldError("name", $"Шаблон «{template.Name}» уже есть"));
        }

        if (errors.Count > 0)
        {
            return new SaveResult<TemplateRecord>.Invalid(errors);
        }

        var args = new DynamicParameters(template);
        args.AddDynamicParams(new { moId, id, ForPom = template.Urgent ? 2 : 3 });
        var savedId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            id is null
                ? """
                  insert into visit_template (mo_id, name, for_pom, first_visit, ist_fin, purpose, doc_spec, doc_code, ds1, char1, ishod, rslt, finality, visit_pol, visit_home, prof_k, ksg, sh)
                  values (@moId, @Name, @ForPom, @FirstVisit, @IstFin, @Purpose, @DocSpec, @DocCode, @Ds1, @Char1, @Ishod, @Rslt, @Finality, @VisitPol, @VisitHome, @ProfK, @Ksg, @Sh)
                  returning id
                  """
                : """
                  update visit_template set name = @Name, for_pom = @ForPom, first_visit = @FirstVisit, ist_fin = @IstFin, purpose = @Purpose,
                      doc_spec = @DocSpec, doc_code = @DocCode, ds1 = @Ds1, char1 = @Char1, ishod = @Ishod, rslt = @Rslt, finality = @Finality,
                      visit_pol = @VisitPol, visit_home = @VisitHome, prof_k = @ProfK, ksg = @Ksg, sh = @Sh
                  where id = @id returning id
                  """,
            args, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx,
            ChangeSet.Diff(current?.Fields, template, actor, moId, "visit_template", savedId.ToString(), id is null ? "create" : "update"), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<TemplateRecord>.Saved((await ReadAsync(conn, null, moId, savedId, ct))!);
    }

    public async Task<bool> DeleteAsync(int moId, string actor, int id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var deleted = await conn.ExecuteAsync(new CommandDefinition(
            "update visit_template set deleted = true where id = @id and mo_id = @moId and not deleted", new { id, moId }, tx, cancellationToken: ct));
        if (deleted > 0)
        {
            await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "visit_template", id.ToString(), "delete", null, null, null), ct);
        }

        await tx.CommitAsync(ct);
        return deleted > 0;
    }

    /// <summary>
    /// Copies the documentation's list into a saved visit (ui.md §3.6 "Applying a template"): urgent and primary flags,
    /// payment, purpose, doctor, visit counts, character, outcome, result — not the diagnosis — and saves it through
    /// the visit rules.
    /// </summary>
    public async Task<SaveResult<VisitRecord>> ApplyAsync(int moId, string actor, long visitId, ApplyTemplate request, CancellationToken ct)
    {
        if (await GetAsync(moId, request.TemplateId, ct) is not { } template)
        {
            return new SaveResult<VisitRecord>.NotFound($"Нет шаблона №{request.TemplateId}");
        }

        if (await visits.GetAsync(moId, visitId, ct) is not { Status: > 0 } visit)
        {
            return new SaveResult<VisitRecord>.NotFound($"Талон \"{visitId}\" не найден");
        }

        var t = template.Fields;
        var applied = visit.Fields with
        {
            Urgent = t.Urgent, FirstVisit = t.FirstVisit, IstFin = t.IstFin, Purpose = t.Purpose, DocSpec = t.DocSpec,
            DocCode = t.DocCode, VisitPol = t.VisitPol, VisitHome = t.VisitHome, Char1 = t.Char1, Ishod = t.Ishod, Rslt = t.Rslt,
        };
        return await visits.UpdateAsync(moId, actor, visitId, request.Version, applied, ct);
    }

    private static async Task<TemplateRecord?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, int id, CancellationToken ct) =>
        (await conn.QueryAsync<int, TemplateFields, TemplateRecord>(new CommandDefinition(
            $"select id, {Columns} from visit_template where id = @id and mo_id = @moId and not deleted", new { id, moId }, tx, cancellationToken: ct),
            (templateId, fields) => new TemplateRecord(templateId, fields), splitOn: "name")).FirstOrDefault();
}
