using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Sync;
using Omslite.MisConnectors.Legacy.Tests.Infrastructure;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>
/// The hub's sync engine with the published legacy connector against a real original-system database: the
/// semantics of issue 5 §4, each checked in the working database.
/// </summary>
public sealed class LegacySyncTests : IAsyncLifetime
{
    private LegacySourceHub _source = null!;

    public async Task InitializeAsync() => _source = await LegacySourceHub.StartAsync();

    public async Task DisposeAsync() => await _source.DisposeAsync();


    [Fact]
    public async Task A_first_sync_brings_the_oms_cases_with_local_codes_and_the_books_they_need()
    {
        var result = await _source.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        var expected = await ScalarAsync<long>(_source.Legacy,
            "select (select count(*) from talonz_clin_25 where ist_fin = 1 and talon_type > 0) + (select count(*) from talonz_clin_26 where ist_fin = 1 and talon_type > 0)");
        Assert.Equal(expected, result.New);
        await using var conn = _source.Hub.OpenConnection();
        var visit = await conn.QuerySingleAsync<(short Status, int Year, int Month, int DocSpec, int DocCode, string? NprMo, string Ds1)>(
            "select status, report_year, report_month, doc_spec, doc_code, npr_mo, ds1 from visit where source_key = '25:1'");
        Assert.Equal(((short)2, 2025, 11, 63, 13, "228", "R91"), visit);
        Assert.Equal(2026, await conn.ExecuteScalarAsync<int>("select report_year from visit where source_key = '26:1'"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from visit where source_key in ('25:3', '25:4')"));
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("select count(*) from visit_service s join visit v on v.id = s.visit_id where v.source_key = '25:2'") + 1);
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from mo_local") > 0);
        Assert.Equal(60, await conn.ExecuteScalarAsync<int>("select prvs from local_specialty where spec = 63"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>(
            """
            select count(*) from audit_visit l join audit_log a on a.id = l.audit_id
            where l.visit_id = (select id from visit where source_key = '25:1') and a.operation = 'sync-create'
            """));
    }

    [Fact]
    public async Task The_talon_number_the_policy_on_the_visit_date_and_the_insurer_details_of_the_card_come_over()
    {
        await ExecuteAsync(_source.Legacy, "update talonz_clin_26 set polis_num = '2512345678901234', smo = 25016, smo_okato = '05000' where tal_num = 4");
        await using var conn = _source.Hub.OpenConnection();
        var typedBefore = await conn.ExecuteScalarAsync<long>("select nextval('visit_number_seq')");

        var result = await _source.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        var numbers = (await conn.QueryAsync<(string Key, int Number)>("select source_key, number from visit")).ToDictionary(r => r.Key, r => r.Number);
        // 25:1 came first with number 1: 26:1 gets a number of the hub's own, above every number the MIS brought.
        Assert.Equal((1, 2, 5, 3, 4), (numbers["25:1"], numbers["25:2"], numbers["25:5"], numbers["26:3"], numbers["26:4"]));
        Assert.True(numbers["26:1"] > 5 && numbers["26:1"] > typedBefore);
        Assert.True(await conn.ExecuteScalarAsync<long>("select nextval('visit_number_seq')") > numbers.Values.Max());
        Assert.Equal(("2512345678901234", "25016", "05000", (short)3), await conn.QuerySingleAsync<(string, string, string, short)>(
            "select policy_number, smo, smo_okato, policy_type from visit where source_key = '26:4'"));
        Assert.Null(await conn.ExecuteScalarAsync<string?>("select policy_number from visit where source_key = '26:3'"));
        Assert.Equal(("05000", "1027739815245", "ВС Альянс", "250001", (int?)null), await conn.QuerySingleAsync<(string, string, string, string, int?)>(
            "select st_okato, smo_ogrn, smo_name, ufms_code, vz from patient where card_number = '1001'"));
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("select vz from patient where card_number = '1002'"));
    }

    [Fact]
    public async Task Syncing_the_same_data_twice_changes_nothing()
    {
        await _source.SyncAsync();
        var before = await SnapshotAsync();

        var again = await _source.SyncAsync();

        Assert.Equal((0, 0, 0), (again.New, again.Updated, again.Conflicts));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_change_in_the_mis_is_taken_but_a_local_correction_wins_and_a_clash_is_a_conflict()
    {
        await _source.SyncAsync();
        var id = await VisitIdAsync("26:3");

        // The clinic corrects the result locally; the MIS keeps sending its old value: the correction stays.
        await ExecuteAsync(_source.Legacy, "update talonz_clin_26 set visit_home = 0, modified = clock_timestamp() where tal_num = 3");
        await using (var conn = _source.Hub.OpenConnection())
        {
            await conn.ExecuteAsync("update visit set rslt = 1 where id = @id", new { id });
        }

        await _source.SyncAsync();
        await using (var conn = _source.Hub.OpenConnection())
        {
            Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select rslt from visit where id = @id", new { id }));
        }

        // The MIS changes an uncorrected field: taken. It changes the corrected one: a conflict, nothing overwritten.
        await ExecuteAsync(_source.Legacy, "update talonz_clin_26 set ds1 = 'K87.1', rslt = 301, modified = clock_timestamp() where tal_num = 3");
        var changed = await _source.SyncAsync();

        await using var check = _source.Hub.OpenConnection();
        Assert.Equal(("K87.1", 1), await check.QuerySingleAsync<(string, int)>("select ds1, rslt from visit where id = @id", new { id }));
        Assert.Equal(1, changed.Conflicts);
        var source = await _source.Admin.GetFromJsonAsync<JsonElement>($"/api/visits/{id}/source");
        var conflict = source.GetProperty("conflicts").GetProperty("rslt");
        Assert.Equal(("301", "1"), (conflict.GetProperty("mis").GetString(), conflict.GetProperty("local").GetString()));

        // "вернуть значение МИС": the MIS value is taken and the conflict is gone.
        var resolved = await _source.Admin.PostAsJsonAsync($"/api/visits/{id}/source/resolve", new { field = "rslt", take = "mis" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal((301, "{}"), await check.QuerySingleAsync<(int, string)>("select rslt, conflicts::text from visit where id = @id", new { id }));
    }

    [Fact]
    public async Task A_case_cancelled_in_the_mis_is_deleted_when_open_and_flagged_when_sent()
    {
        await _source.SyncAsync();

        await ExecuteAsync(_source.Legacy, "update talonz_clin_26 set talon_type = 0, modified = clock_timestamp() where tal_num in (1, 4)");
        await _source.SyncAsync();

        await using var conn = _source.Hub.OpenConnection();
        var open = await conn.QuerySingleAsync<(short Status, string Reason)>("select status, review_reason from visit where source_key = '26:1'");
        var sent = await conn.QuerySingleAsync<(short Status, string Reason)>("select status, review_reason from visit where source_key = '26:4'");
        Assert.Equal(((short)0, "Отменён в МИС"), open);
        Assert.Equal(((short)2, "Отменён в МИС после отправки в ТФОМС"), sent);
    }

    [Fact]
    public async Task An_unreachable_mis_fails_the_run_with_a_reason_and_leaves_the_data_alone()
    {
        await _source.SyncAsync();
        var before = await SnapshotAsync();
        await _source.Admin.PutAsJsonAsync($"/api/sources/{_source.SourceId}", new
        {
            name = "original", connector = "omslite-legacy", connectionString = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3",
        });

        var failed = await _source.SyncAsync();

        Assert.Equal("failed", failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Equal(before, await SnapshotAsync());
        var runs = await _source.Admin.GetFromJsonAsync<JsonElement>($"/api/sources/{_source.SourceId}/runs");
        Assert.Equal("failed", runs[0].GetProperty("run").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_interrupted_after_a_batch_and_rerun_ends_like_a_clean_run()
    {
        await using var conn = _source.Hub.OpenConnection();
        await conn.ExecuteAsync("update mis_source set settings = '{\"BatchSize\": \"1\"}' where id = @_sourceId", new { _sourceId = _source.SourceId });
        using var stop = new CancellationTokenSource();
        var interrupted = _source.SyncAsync(ct: stop.Token);
        while (!interrupted.IsCompleted && await conn.ExecuteScalarAsync<long>("select count(*) from visit") == 0)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        var first = await interrupted;
        var afterCrash = await conn.ExecuteScalarAsync<long>("select count(*) from visit");
        var rerun = await _source.SyncAsync();

        Assert.Equal("failed", first.Status);
        Assert.True(afterCrash > 0);
        Assert.Equal("succeeded", rerun.Status);
        var total = await ScalarAsync<long>(_source.Legacy,
            "select (select count(*) from talonz_clin_25 where ist_fin = 1 and talon_type > 0) + (select count(*) from talonz_clin_26 where ist_fin = 1 and talon_type > 0)");
        Assert.Equal(total, await conn.ExecuteScalarAsync<long>("select count(*) from visit"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from (select source_key from visit group by source_key having count(*) > 1) d"));
    }

    [Fact]
    public async Task Two_runs_of_one_source_at_once_one_waits_out_the_other()
    {
        await using var conn = _source.Hub.OpenConnection();
        await conn.ExecuteAsync("select pg_advisory_lock(1398361667, @_sourceId)", new { _sourceId = _source.SourceId });

        var ex = await Assert.ThrowsAsync<SyncAlreadyRunningException>(() => _source.SyncAsync());

        Assert.Equal("Синхронизация источника «original» уже выполняется", ex.Message);
        await conn.ExecuteAsync("select pg_advisory_unlock(1398361667, @_sourceId)", new { _sourceId = _source.SourceId });
    }

    private async Task<long> VisitIdAsync(string sourceKey)
    {
        await using var conn = _source.Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<long>("select id from visit where source_key = @sourceKey", new { sourceKey });
    }

    /// <summary>Everything a sync may touch, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var conn = _source.Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<string>(
            """
            select md5(string_agg(t, '|' order by t)) from (
              select (to_jsonb(v) - 'updated_at' - 'created_at')::text t from visit v
              union all select (to_jsonb(p) - 'updated_at' - 'created_at')::text from patient p
              union all select (to_jsonb(s) - 'created_at')::text from visit_service s
              union all select (to_jsonb(d))::text from doctor d) x
            """) ?? "";
    }
}
