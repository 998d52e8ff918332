using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Sync;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Tests.Sync;

/// <summary>
/// The set-based merge of a batch against a real working database: what goes in, what is skipped, and the cases that
/// meet data already there (a card typed by hand, a card of another patient, services edited locally).
/// </summary>
public sealed class CaseMergerTests : IAsyncLifetime
{
    private TestHub _hub = null!;
    private int _moId;
    private int _sourceId;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        _moId = await _hub.AddMoAsync("250796");
        await using var conn = _hub.OpenConnection();
        await conn.ExecuteAsync("insert into local_specialty (mo_id, spec, name, prvs, profil) values (@_moId, 63, 'Рентгенолог', 60, 78)", new { _moId });
        _sourceId = await conn.ExecuteScalarAsync<int>(
            "insert into mis_source (mo_id, name, connector) values (@_moId, 'mis', 'sql-postgresql') returning id", new { _moId });
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task New_cases_go_in_with_their_patient_services_and_audit_and_the_same_batch_again_changes_nothing()
    {
        var batch = new[] { Case("1", "p1", "К-1"), Case("2", "p1", "К-1", code: "A05.23.009"), Case("3", "p2", "К-2") };

        var first = await MergeAsync(batch);
        var again = await MergeAsync(batch);

        Assert.Equal((3, 3, 0), (first.Counts.Read, first.Counts.New, first.Counts.Failed));
        Assert.Equal((3, 0, 0, 0), (again.Counts.Unchanged, again.Counts.New, again.Counts.Updated, again.Counts.Conflicts));
        await using var conn = _hub.OpenConnection();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select count(*) from patient"));
        Assert.Equal(("ИВАНОВ", "R91", (short)3, 63, "A05.23.009"), await conn.QuerySingleAsync<(string, string, short, int, string)>(
            """
            select p.fam, v.ds1, v.for_pom, v.doc_spec, s.code from visit v join patient p on p.id = v.patient_id
            join visit_service s on s.visit_id = v.id where v.source_key = '2'
            """));
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>(
            "select count(distinct l.visit_id) from audit_visit l join audit_log a on a.id = l.audit_id where a.operation = 'sync-create'"));
        var mis = await conn.ExecuteScalarAsync<string>("select m.mis_values::text from visit v join visit_mis m on m.visit_id = v.id where v.source_key = '1'");
        Assert.Contains("\"ds1\": \"R91\"", mis);
        Assert.Contains("\"__services\": \"A06.09.005|1|2026-01-12\"", mis);
    }

    [Fact]
    public async Task A_card_typed_by_hand_before_is_adopted_not_duplicated()
    {
        await using var conn = _hub.OpenConnection();
        var typed = await conn.ExecuteScalarAsync<long>(
            "insert into patient (mo_id, card_number, fam) values (@_moId, 'К-1', 'ИВАНОВ') returning id", new { _moId });

        var result = await MergeAsync([Case("1", "p1", "К-1")]);

        Assert.Equal(1, result.Counts.New);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from patient"));
        Assert.Equal(typed, await conn.ExecuteScalarAsync<long>("select patient_id from visit where source_key = '1'"));
        Assert.Equal("p1", await conn.ExecuteScalarAsync<string>("select source_key from patient where id = @typed", new { typed }));
    }

    [Fact]
    public async Task A_new_patient_with_the_card_of_another_fails_by_name_and_the_rest_of_the_batch_goes_in()
    {
        await MergeAsync([Case("1", "p1", "К-1")]);

        var result = await MergeAsync([Case("2", "p2", "К-1"), Case("3", "p3", "К-3"), Case("4", "p4", "К-4"), Case("5", "p5", "К-4")]);

        Assert.Equal((2, 2), (result.Counts.New, result.Counts.Failed));
        Assert.Equal(["2: номер карты К-1 уже занят другим пациентом", "5: номер карты К-4 уже занят другим пациентом"],
            result.Problems.Select(p => $"{p.SourceKey}: {p.Message}").Order());
        await using var conn = _hub.OpenConnection();
        Assert.Equal(["1", "3", "4"], (await conn.QueryAsync<string>("select source_key from visit order by source_key")).ToArray());
    }

    [Fact]
    public async Task Changed_services_replace_the_visits_unless_edited_here_which_makes_a_conflict()
    {
        await MergeAsync([Case("1", "p1", "К-1"), Case("2", "p2", "К-2")]);
        await using var conn = _hub.OpenConnection();
        await conn.ExecuteAsync("update visit_service set quantity = 2 where visit_id = (select id from visit where source_key = '2')");

        var result = await MergeAsync([Case("1", "p1", "К-1", code: "A05.23.009", marker: "m2"), Case("2", "p2", "К-2", code: "A05.23.009", marker: "m2")]);

        Assert.Equal((1, 1), (result.Counts.Updated, result.Counts.Conflicts));
        Assert.Equal("A05.23.009", await conn.ExecuteScalarAsync<string>(
            "select string_agg(code, ',') from visit_service where visit_id = (select id from visit where source_key = '1')"));
        Assert.Equal("A06.09.005", await conn.ExecuteScalarAsync<string>(
            "select string_agg(code, ',') from visit_service where visit_id = (select id from visit where source_key = '2')"));
        Assert.Contains("__services", await conn.ExecuteScalarAsync<string>("select conflicts::text from visit where source_key = '2'"));
    }

    [Fact]
    public async Task A_card_number_outside_the_mos_template_is_taken_as_the_mis_gives_it()
    {
        await using var conn = _hub.OpenConnection();
        await conn.ExecuteAsync("insert into card_number_template (mo_id, name, pattern) values (@_moId, 'Карты', '^[0-9]{1,6}$')", new { _moId });

        var result = await MergeAsync([Case("1", "p1", "A-0077")]);

        // The template guards numbers typed in the hub; the MIS owns its numbering (docs/sync.md).
        Assert.Equal((1, 0), (result.Counts.New, result.Counts.Failed));
        Assert.Equal("A-0077", await conn.ExecuteScalarAsync<string>("select card_number from patient"));
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select review_reason from visit"));
    }

    [Fact]
    public async Task The_source_tab_shows_a_field_the_mis_left_empty_beside_its_local_correction()
    {
        await MergeAsync([Case("1", "p1", "К-1")]);
        await using var conn = _hub.OpenConnection();
        var id = await conn.ExecuteScalarAsync<long>("update visit set ds2 = 'K80' where source_key = '1' returning id");
        await _hub.AddUserAsync("admin", Omslite.Hub.Security.Roles.Admin, "250796");
        var admin = await _hub.LoginAsync("admin");

        var source = await admin.GetFromJsonAsync<JsonElement>($"/api/visits/{id}/source");
        var taken = await admin.PostAsJsonAsync($"/api/visits/{id}/source/resolve", new { field = "ds2", take = "mis" });

        var ds2 = source.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "ds2");
        Assert.Equal((JsonValueKind.Null, "K80", true), (ds2.GetProperty("mis").ValueKind, ds2.GetProperty("local").GetString(), ds2.GetProperty("corrected").GetBoolean()));
        Assert.Equal("R91", source.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "ds1").GetProperty("mis").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, taken.StatusCode);
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select ds2 from visit where id = @id", new { id }));
    }

    [Fact]
    public async Task A_cancelled_case_the_hub_never_had_is_skipped_and_leaves_no_patient()
    {
        var result = await MergeAsync([Case("1", "p1", "К-1") with { State = CaseState.Cancelled }]);

        Assert.Equal((1, 0), (result.Counts.Skipped, result.Counts.New));
        await using var conn = _hub.OpenConnection();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from patient"));
    }

    private async Task<(SyncCounts Counts, List<CaseProblem> Problems)> MergeAsync(IReadOnlyList<SourceCase> batch)
    {
        await using var conn = _hub.OpenConnection();
        await CaseMerger.PrepareAsync(conn, default);
        var books = await TranslationBooks.LoadAsync(conn, _moId, default);
        var counts = new SyncCounts();
        var problems = new List<CaseProblem>();
        await using var tx = await conn.BeginTransactionAsync();
        var translated = CaseTranslator.Translate(new SourceBatch(batch, null), books);
        var patients = await new PatientMerger(conn, tx, _moId, _sourceId, "sync:mis").MergeAsync(translated, default);
        await new CaseMerger(conn, tx, _moId, _sourceId, "sync:mis").MergeAsync(translated, patients, counts, problems, default);
        await tx.CommitAsync();
        return (counts, problems);
    }

    private static SourceCase Case(string key, string patientKey, string card, string code = "A06.09.005", string marker = "m1") => new()
    {
        SourceKey = key,
        ChangeMarker = marker,
        Patient = new SourcePatient { SourceKey = patientKey, CardNumber = card, Fam = "Иванов", Im = "Иван", BirthDate = new DateOnly(1970, 1, 1) },
        Visit = new SourceVisit
        {
            OpenDate = new DateOnly(2026, 1, 12), CloseDate = new DateOnly(2026, 1, 12), Prvs = 60, Profile = 78, Ds1 = "r91",
            DoctorSnils = "11122233344", DoctorName = "Кузнецов П. А.",
        },
        Services = [new SourceService { SourceKey = key + "-s", Code = code, Date = new DateOnly(2026, 1, 12) }],
    };
}
