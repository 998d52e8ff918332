using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Patients;

/// <summary>One row of the card search (ui.md §3.2).</summary>
public sealed record PatientListItem(long Id, string CardNumber, string Fio, DateOnly? BirthDate, string? PolicyNumber);

/// <summary>The card search filters: prefix match, case-insensitive, combined with AND.</summary>
public sealed record PatientQuery(string? Card, string? Fam, string? Im);

/// <summary>Patients of one MO: search, read, create and update with validation, concurrency and audit.</summary>
public sealed class PatientStore(NpgsqlDataSource database, TimeProvider clock)
{
    public async Task<Page<PatientListItem>> ListAsync(int moId, PatientQuery query, PageRequest page, CancellationToken ct)
    {
        const string where = """
            where p.mo_id = @moId
              and (@card::text is null or p.card_number ilike @card || '%')
              and (@fam::text is null or lower(p.fam) like lower(@fam) || '%')
              and (@im::text is null or lower(p.im) like lower(@im) || '%')
              and (@q::text is null or p.card_number ilike @q || '%' or lower(p.fam) like lower(@q) || '%')
            """;
        var args = new
        {
            moId,
            card = SqlText.LikeLiteral(query.Card),
            fam = SqlText.LikeLiteral(query.Fam),
            im = SqlText.LikeLiteral(query.Im),
            q = SqlText.LikeLiteral(page.Q),
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var conn = await database.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from patient p {where}", args, cancellationToken: ct));
        var items = await conn.QueryAsync<PatientListItem>(new CommandDefinition(
            $"""
            select p.id, p.card_number, concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date, p.policy_number
            from patient p {where}
            {page.OrderBy(PatientColumns.Sortable, "cardNumber", "p.id")}
            limit @limit offset @offset
            """,
            args, cancellationToken: ct));
        return new Page<PatientListItem>(items.ToList(), total, page.Page, page.PageSize);
    }

    public async Task<PatientRecord?> GetAsync(int moId, long id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await ReadAsync(conn, null, moId, id, forUpdate: false, ct);
    }

    public async Task<SaveResult<PatientRecord>> CreateAsync(int moId, string actor, PatientFields input, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var card = await PrepareAsync(conn, tx, moId, input, ct);
        var errors = await CheckAsync(conn, tx, moId, card, ct);
        if (errors.Count > 0)
        {
            return new SaveResult<PatientRecord>.Invalid(errors);
        }

        var args = new DynamicParameters(card);
        args.Add("moId", moId);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"insert into patient (mo_id, {PatientColumns.InsertColumns}) values (@moId, {PatientColumns.InsertValues}) returning id",
            args, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(null, card, actor, moId, "patient", id.ToString(), "create"), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<PatientRecord>.Saved((await ReadAsync(conn, null, moId, id, false, ct))!);
    }

    public async Task<SaveResult<PatientRecord>> UpdateAsync(int moId, string actor, long id, int? version, PatientFields input, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await ReadAsync(conn, tx, moId, id, forUpdate: true, ct);
        if (current is null)
        {
            return new SaveResult<PatientRecord>.NotFound($"Карта {id} не найдена");
        }

        if (version is null || version != current.Version)
        {
            return new SaveResult<PatientRecord>.Conflict(Concurrency.ChangedByAnotherUser);
        }

        var card = await PrepareAsync(conn, tx, moId, input, ct);
        var errors = (await CheckAsync(conn, tx, moId, card, ct, exceptId: id)).ToList();
        if (card.CardNumber != current.Fields.CardNumber && current.VisitCount > 0)
        {
            errors.Add(new FieldError("cardNumber", "Номер карты нельзя изменить: у карты есть талоны"));
        }

        if (errors.Count > 0)
        {
            return new SaveResult<PatientRecord>.Invalid(errors);
        }

        var args = new DynamicParameters(card);
        args.Add("id", id);
        await conn.ExecuteAsync(new CommandDefinition(
            $"update patient set {PatientColumns.UpdateSet}, version = version + 1, updated_at = now() where id = @id",
            args, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(current.Fields, card, actor, moId, "patient", id.ToString(), "update"), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<PatientRecord>.Saved((await ReadAsync(conn, null, moId, id, false, ct))!);
    }

    /// <summary>Normalises the input and fills what the hub fills: the issuer from a UFMS code, the insurer's region.</summary>
    private static async Task<PatientFields> PrepareAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, PatientFields input, CancellationToken ct)
    {
        var card = PatientNormalizer.Normalize(input);
        if (card.UfmsCode is { Length: 6 } ufms && card.DulIssuer is null)
        {
            var issuer = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select name from nsi_entry where book = 'UFMS' and code = @ufms order by date_beg desc limit 1",
                new { ufms }, tx, cancellationToken: ct));
            card = card with { DulIssuer = issuer?.ToUpperInvariant() };
        }

        if (card.Smo is { } smo && card.SmoOkato is null)
        {
            var okato = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select okato from smo_local where mo_id = @moId and code = @smo", new { moId, smo }, tx, cancellationToken: ct));
            card = card with { SmoOkato = okato };
        }

        return card;
    }

    private async Task<IReadOnlyList<FieldError>> CheckAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int moId, PatientFields card, CancellationToken ct, long? exceptId = null)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var pattern = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            select pattern from card_number_template
            where mo_id = @moId and active and not deleted and table_type = 'patients'
            order by id limit 1
            """,
            new { moId }, tx, cancellationToken: ct)) ?? PatientRules.DefaultCardNumberPattern;
        var dul = card.DulType is { } dulType ? await DulTypeAsync(conn, tx, dulType, today, ct) : null;
        var errors = RuleSet.Run(PatientRules.All, new PatientCheck(card, new PatientCheckContext(pattern, today, dul))).ToList();
        if (card.CardNumber is { } number && await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists(select 1 from patient where mo_id = @moId and card_number = @number and id <> coalesce(@exceptId, -1))",
                new { moId, number, exceptId }, tx, cancellationToken: ct)))
        {
            errors.Add(new FieldError("cardNumber", $"Карта с номером {number} уже есть"));
        }

        return errors;
    }

    private static async Task<DulTypeInfo> DulTypeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int dulType, DateOnly asOf, CancellationToken ct)
    {
        var row = await conn.QueryFirstOrDefaultAsync<(string? SeriesMask, string? NumberMask)?>(new CommandDefinition(
            """
            select attrs->>'serialTpl' as series_mask, attrs->>'numberTpl' as number_mask
            from nsi_entry
            where book = 'F011' and code = @code and date_beg <= @asOf and (date_end is null or date_end >= @asOf)
            order by date_beg desc limit 1
            """,
            new { code = dulType.ToString(System.Globalization.CultureInfo.InvariantCulture), asOf }, tx, cancellationToken: ct));
        return row is { } r ? new DulTypeInfo(true, r.SeriesMask, r.NumberMask) : new DulTypeInfo(false, null, null);
    }

    private static async Task<PatientRecord?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, long id, bool forUpdate, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<RowHeader, PatientFields, PatientRecord>(new CommandDefinition(
            $"""
            select p.id, p.version, s.name as source,
                   (select count(*) from visit v where v.patient_id = p.id and v.status > 0)::int as VisitCount,
                   {PatientColumns.SelectList}
            from patient p left join mis_source s on s.id = p.source_id
            where p.id = @id and p.mo_id = @moId
            {(forUpdate ? "for update of p" : "")}
            """,
            new { id, moId }, tx, cancellationToken: ct),
            (header, fields) => new PatientRecord(header.Id, header.Version, fields, header.Source, header.VisitCount),
            splitOn: "card_number");
        return rows.FirstOrDefault();
    }

    private sealed record RowHeader(long Id, int Version, string? Source, int VisitCount);
}
