using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Visits;

/// <summary>
/// One row of the review list; <c>Conflicts</c> counts the fields the MIS changed after a local correction and
/// <c>ReviewReason</c> says why a sync flagged the visit ("Отменён в МИС после отправки в ТФОМС"), for the problem badge.
/// </summary>
public sealed record VisitListItem(
    long Id, int Number, int Status, bool Mek, int ReportYear, int ReportMonth, long PatientId, string CardNumber, string Fio,
    DateOnly OpenDate, DateOnly CloseDate, int? Purpose, string? Ds1, int? DocSpec, int? DocCode, string? Doctor, string? NprMo,
    string? Smo, string? Source, int Conflicts, string? ReviewReason);

/// <summary>
/// Filters of the review list; all optional, combined with AND. <c>Status</c>: open, closed, conflict (visits a sync
/// flagged: open conflicts or a review reason), or a stage of <see cref="VisitStages"/> (new, corrected, manual,
/// problem, flk, mek, ready, sent).
/// </summary>
public sealed record VisitQuery(
    int? Year, int? Month, string? Status, int? DocSpec, int? DocCode, string? Smo, string? NprMo, string? Source, long? PatientId = null);

/// <summary>Visits of one MO: review list, read, create and update with the visit rules, concurrency and audit.</summary>
public sealed class VisitStore(NpgsqlDataSource database, TimeProvider clock)
{
    private const string Entity = "visit";

    public async Task<Page<VisitListItem>> ListAsync(int moId, VisitQuery query, PageRequest page, CancellationToken ct)
    {
        var q = SqlText.LikeLiteral(page.Q);
        var args = new
        {
            moId,
            year = query.Year,
            month = query.Month,
            status = query.Status switch { "open" => (int?)VisitStatus.Open, "closed" => VisitStatus.Closed, _ => null },
            stage = query.Status,
            docSpec = query.DocSpec,
            docCode = query.DocCode,
            smo = query.Smo,
            nprMo = query.NprMo,
            source = query.Source,
            patientId = query.PatientId,
            q,
            qNumber = int.TryParse(page.Q, out var n) ? n : (int?)null,
            limit = page.PageSize,
            offset = page.Offset,
        };

        // Only the filters given become SQL, so the common "month of the MO" list is an index range.
        var where = new List<string> { "v.mo_id = @moId", "v.status > 0" };
        void Filter(bool given, string condition)
        {
            if (given)
            {
                where.Add(condition);
            }
        }

        Filter(query.Year is not null, "v.report_year = @year");
        Filter(query.Month is not null, "v.report_month = @month");
        Filter(args.status is not null, "v.status = @status");
        var stage = VisitStages.IsStage(query.Status) ? VisitStages.Filter(query.Status!, query.Year is not null, query.Month is not null) : null;
        Filter(stage is not null, stage?.Condition ?? "");
        Filter(query.Status == "conflict", "(v.conflicts <> '{}'::jsonb or v.review_reason is not null)");
        Filter(query.DocSpec is not null, "v.doc_spec = @docSpec");
        Filter(query.DocCode is not null, "v.doc_code = @docCode");
        Filter(query.Smo is not null, "coalesce(v.smo, p.smo) = @smo");
        Filter(query.NprMo is not null, "v.npr_mo = @nprMo");
        Filter(query.PatientId is not null, "v.patient_id = @patientId");
        Filter(query.Source is not null, "(s.name = @source or (@source = 'manual' and v.source_id is null))");
        Filter(q is not null, "(v.number = @qNumber or p.card_number ilike @q || '%' or lower(p.fam) like lower(@q) || '%')");
        var condition = "where " + string.Join(" and ", where);
        var needsPatient = query.Smo is not null || q is not null;
        var runs = stage?.NeedsRun == true ? VisitStages.Runs(query.Year is not null, query.Month is not null) : "";
        var joinRun = stage?.NeedsRun == true ? VisitStages.JoinRun : "";
        var countFrom = "from visit v"
            + (needsPatient ? " join patient p on p.id = v.patient_id" : "")
            + (query.Source is not null ? " left join mis_source s on s.id = v.source_id" : "");
        var order = page.OrderBy(VisitColumns.Sortable, "number", "v.id");
        var rows = $"from visit v {ListJoins} {joinRun} {condition} {order} limit @limit offset @offset";
        if (stage?.NeedsRun == true)
        {
            // A stage is a computed condition the planner cannot estimate, so it would join every visit of the stage
            // before sorting: the page's ids are picked first, with only the joins the filters and the sort need.
            var sortColumn = VisitColumns.Sortable.GetValueOrDefault(page.Sort ?? "", VisitColumns.Sortable["number"]);
            var sortJoins = (sortColumn.StartsWith("p.", StringComparison.Ordinal) && !needsPatient ? " join patient p on p.id = v.patient_id" : "")
                + (sortColumn.StartsWith("d.", StringComparison.Ordinal) ? " " + DoctorJoin : "");
            rows = $"from (select v.id {countFrom}{sortJoins} {joinRun} {condition} {order} limit @limit offset @offset) page join visit v on v.id = page.id {ListJoins} {order}";
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        var items = (await conn.QueryAsync<VisitListItem>(new CommandDefinition(
            $"""
            {runs}
            select v.id, v.number, v.status::int, v.mek, v.report_year::int, v.report_month::int, p.id as patient_id, p.card_number,
                   concat_ws(' ', p.fam, p.im, p.ot) as fio, v.open_date, v.close_date, v.purpose, v.ds1, v.doc_spec,
                   v.doc_code, d.family as doctor, v.npr_mo, coalesce(v.smo, p.smo) as smo, s.name as source,
                   (select count(*)::int from jsonb_object_keys(v.conflicts)) as conflicts, v.review_reason
            {rows}
            """,
            args, cancellationToken: ct))).ToList();

        // A page that is not full ends the list: its total needs no second pass over the month (most stages are short).
        var lastPage = items.Count < page.PageSize && (items.Count > 0 || page.Offset == 0);
        var total = lastPage
            ? page.Offset + items.Count
            : await conn.ExecuteScalarAsync<long>(new CommandDefinition($"{runs} select count(*) {countFrom} {joinRun} {condition}", args, cancellationToken: ct));
        return new Page<VisitListItem>(items, total, page.Page, page.PageSize);
    }

    private const string DoctorJoin = "left join doctor d on d.mo_id = v.mo_id and d.spec = v.doc_spec and d.code = v.doc_code and not d.deleted";

    /// <summary>What a row of the list shows besides the visit: the card, the source, the doctor.</summary>
    private const string ListJoins = "join patient p on p.id = v.patient_id left join mis_source s on s.id = v.source_id " + DoctorJoin;

    public async Task<VisitRecord?> GetAsync(int moId, long id, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await ReadAsync(conn, null, moId, id, forUpdate: false, ct);
    }

    public async Task<SaveResult<VisitRecord>> CreateAsync(int moId, string actor, long patientId, VisitFields input, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var patient = await conn.QueryFirstOrDefaultAsync<(long Id, string? Ot)?>(new CommandDefinition(
            "select id, ot from patient where id = @patientId and mo_id = @moId", new { patientId, moId }, tx, cancellationToken: ct));
        if (patient is null)
        {
            return new SaveResult<VisitRecord>.NotFound($"Карта для нового талона не найдена");
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var visit = VisitNormalizer.Normalize(input with
        {
            ReportYear = input.ReportYear ?? today.Year,
            ReportMonth = input.ReportMonth ?? today.Month,
            DType = input.DType ?? (patient.Value.Ot is null ? "5" : null),
        });
        var errors = await CheckAsync(conn, tx, moId, patientId, visit, ct);
        if (errors.Count > 0)
        {
            return new SaveResult<VisitRecord>.Invalid(errors);
        }

        visit = VisitNormalizer.Complete(visit);
        var args = Parameters(visit);
        args.Add("moId", moId);
        args.Add("patientId", patientId);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"insert into visit (mo_id, patient_id, {VisitColumns.InsertColumns}) values (@moId, @patientId, {VisitColumns.InsertValues}) returning id",
            args, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(null, visit, actor, moId, Entity, id.ToString(), "create"), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<VisitRecord>.Saved((await ReadAsync(conn, null, moId, id, false, ct))!);
    }

    public async Task<SaveResult<VisitRecord>> UpdateAsync(int moId, string actor, long id, int? version, VisitFields input, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await ReadAsync(conn, tx, moId, id, forUpdate: true, ct);
        if (current is null || current.Status == VisitStatus.Deleted)
        {
            return new SaveResult<VisitRecord>.NotFound($"Талон \"{id}\" не найден");
        }

        if (current.Status != VisitStatus.Open)
        {
            return new SaveResult<VisitRecord>.Conflict("Талон закрыт: изменения невозможны. Откройте талон, чтобы исправить его.");
        }

        if (version is null || version != current.Version)
        {
            return new SaveResult<VisitRecord>.Conflict(Concurrency.ChangedByAnotherUser);
        }

        var visit = VisitNormalizer.Normalize(input);
        var errors = await CheckAsync(conn, tx, moId, current.Patient.Id, visit, ct);
        if (errors.Count > 0)
        {
            return new SaveResult<VisitRecord>.Invalid(errors);
        }

        visit = VisitNormalizer.Complete(visit);
        var args = Parameters(visit);
        args.Add("id", id);
        await conn.ExecuteAsync(new CommandDefinition(
            $"update visit set {VisitColumns.UpdateSet}, version = version + 1, updated_at = now() where id = @id",
            args, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, ChangeSet.Diff(current.Fields, visit, actor, moId, Entity, id.ToString(), "update"), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<VisitRecord>.Saved((await ReadAsync(conn, null, moId, id, false, ct))!);
    }

    /// <summary>Open ↔ closed, delete (soft; the user types their login to confirm), restore (admins).</summary>
    public async Task<SaveResult<VisitRecord>> ChangeStatusAsync(
        int moId, string actor, bool isAdmin, long id, int target, string? confirmation, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await ReadAsync(conn, tx, moId, id, forUpdate: true, ct);
        if (current is null || (current.Status == VisitStatus.Deleted && !isAdmin))
        {
            return new SaveResult<VisitRecord>.NotFound($"Талон \"{id}\" не найден");
        }

        var problem = (current.Status, target) switch
        {
            (VisitStatus.Open, VisitStatus.Closed) or (VisitStatus.Closed, VisitStatus.Open) => null,
            (VisitStatus.Open, VisitStatus.Deleted) when confirmation?.Trim() != actor =>
                "Удаление не подтверждено: введите свой логин в поле подтверждения",
            (VisitStatus.Open, VisitStatus.Deleted) => null,
            (VisitStatus.Deleted, VisitStatus.Open) => null,
            _ when current.Status == target => null,
            _ => "Такой переход состояния талона невозможен",
        };
        if (problem is not null)
        {
            return new SaveResult<VisitRecord>.Invalid([new FieldError("status", problem)]);
        }

        if (current.Status != target)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update visit set status = @target, version = version + 1, updated_at = now() where id = @id",
                new { id, target }, tx, cancellationToken: ct));
            var operation = target switch { VisitStatus.Deleted => "delete", VisitStatus.Open when current.Status == VisitStatus.Deleted => "restore", _ => "status" };
            await Audit.Audit.WriteAsync(conn, tx,
                new AuditEntry(actor, moId, Entity, id.ToString(), operation, "status", current.Status.ToString(), target.ToString()), ct);
        }

        await tx.CommitAsync(ct);
        return new SaveResult<VisitRecord>.Saved((await ReadAsync(conn, null, moId, id, false, ct))!);
    }

    private static DynamicParameters Parameters(VisitFields visit)
    {
        var args = new DynamicParameters(visit);
        args.Add("ForPom", visit.Urgent ? 2 : 3);
        return args;
    }

    private static async Task<IReadOnlyList<FieldError>> CheckAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int moId, long patientId, VisitFields visit, CancellationToken ct)
    {
        var found = await conn.QuerySingleAsync<ContextRow>(new CommandDefinition(
            """
            select
              exists(select 1 from local_lookup where mo_id = @moId and book = 'ist_fin' and code = @IstFin) as ist_fin_known,
              exists(select 1 from local_lookup where mo_id = @moId and book = 'purpose' and code = @Purpose) as purpose_known,
              exists(select 1 from doctor where mo_id = @moId and spec = @DocSpec and code = @DocCode and not deleted) as doctor_known,
              exists(select 1 from nsi_entry where book = 'MKB10' and code = @Ds1 and date_beg <= @AsOf and (date_end is null or date_end >= @AsOf)) as ds1_known,
              exists(select 1 from nsi_entry where book = 'MKB10' and code = @Ds2 and date_beg <= @AsOf and (date_end is null or date_end >= @AsOf)) as ds2_known,
              exists(select 1 from mo_local where mo_id = @moId and short_code = @NprMo) as npr_mo_known,
              exists(select 1 from local_specialty where mo_id = @moId and spec = @NprSpec) as npr_spec_known,
              exists(select 1 from mo_local where mo_id = @moId and short_code = @HospMo) as hosp_mo_known,
              coalesce((select p.mo_att from patient p where p.id = @patientId) = (select short_code from mo where id = @moId), false) as attached_here,
              (select settings->'consultantSpecialties' from mo where id = @moId)::text as consultant_specialties
            """,
            new
            {
                moId, patientId, visit.IstFin, visit.Purpose, visit.DocSpec, visit.DocCode, visit.Ds1, visit.Ds2,
                visit.NprMo, visit.NprSpec, visit.HospMo,
                AsOf = visit.OpenDate ?? DateOnly.MinValue,
            },
            tx, cancellationToken: ct));
        var consultants = found.ConsultantSpecialties is { } json ? JsonSerializer.Deserialize<int[]>(json) ?? [] : DefaultConsultantSpecialties;
        var context = new VisitCheckContext(
            found.IstFinKnown, found.PurposeKnown, found.DoctorKnown, found.Ds1Known, found.Ds2Known, found.NprMoKnown,
            found.NprSpecKnown, found.HospMoKnown, found.AttachedHere, consultants.ToHashSet());
        return RuleSet.Run(VisitRules.All, new VisitCheck(visit, context));
    }

    /// <summary>ui.md §3.5.4: the radiologist (63) sees patients of other MOs only by referral. An MO setting overrides it.</summary>
    private static readonly int[] DefaultConsultantSpecialties = [63];

    private static async Task<VisitRecord?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int moId, long id, bool forUpdate, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<RowHeader, VisitPatient, VisitFields, VisitRecord>(new CommandDefinition(
            $"""
            select v.id, v.number, v.version, v.status, s.name as source, v.review_reason,
                   p.id, p.card_number, p.fam, p.im, p.ot, p.birth_date, p.dost, p.dul_series, p.dul_number, p.mo_att,
                   p.policy_series, p.policy_number, p.smo, p.smo_okato,
                   {VisitColumns.SelectList}
            from visit v join patient p on p.id = v.patient_id left join mis_source s on s.id = v.source_id
            where v.id = @id and v.mo_id = @moId
            {(forUpdate ? "for update of v" : "")}
            """,
            new { id, moId }, tx, cancellationToken: ct),
            (header, patient, fields) => new VisitRecord(header.Id, header.Number, header.Version, header.Status, patient, fields, header.Source, header.ReviewReason),
            splitOn: "id,urgent");
        return rows.FirstOrDefault();
    }

    private sealed record RowHeader(long Id, int Number, int Version, short Status, string? Source, string? ReviewReason);

    private sealed record ContextRow(
        bool IstFinKnown, bool PurposeKnown, bool DoctorKnown, bool Ds1Known, bool Ds2Known, bool NprMoKnown,
        bool NprSpecKnown, bool HospMoKnown, bool AttachedHere, string? ConsultantSpecialties);
}
