using Dapper;
using Omslite.Hub.Registry;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Tests.Registry;

/// <summary>
/// A pack's rows written while it is built (SDK 1.4 <see cref="PackRequest.Including"/>), while its zip is (SDK 1.3
/// <see cref="PackRequest.Selected"/>) or after it (a format built for 1.2): seen by nobody until the run commits, gone
/// when the run fails after starting them, and always those of the cases the format names at the end.
/// </summary>
public class PackRecordingTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>
{
    [Fact]
    public async Task Rows_started_when_the_cases_are_final_are_seen_only_once_the_run_commits()
    {
        var (first, second) = await TwoVisitsAsync(2029, 1);
        var selected = Selection(first, second);
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 1), CancellationToken.None);

        recording.Start(selected);
        var (tx, packId, marked) = await recording.FinishAsync(selected with { FileName = "H25079629011.zip" });

        Assert.Equal(2, marked);
        Assert.Equal(1, await fixture.StatusAsync(first));
        Assert.Equal(0, await PacksAsync(2029, 1));
        await tx.CommitAsync();
        Assert.Equal((2, 2), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        await using var check = fixture.Hub.OpenConnection();
        Assert.Equal([first, second], await check.QueryAsync<long>("select visit_id from pack_visit where pack_id = @packId order by position", new { packId }));
        Assert.Contains("mark-sent operator status 1→2", await fixture.Operator.HistoryAsync(first));
    }

    [Fact]
    public async Task A_run_that_fails_after_its_rows_were_started_leaves_nothing()
    {
        var (first, second) = await TwoVisitsAsync(2029, 2);
        await using (var conn = fixture.Hub.OpenConnection())
        await using (var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 2), CancellationToken.None))
        {
            recording.Start(Selection(first, second));
        }

        Assert.Equal((1, 1), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        Assert.Equal(0, await PacksAsync(2029, 2));
    }

    [Fact]
    public async Task A_format_that_never_says_its_cases_are_final_gets_its_rows_written_after_the_zip()
    {
        var (first, second) = await TwoVisitsAsync(2029, 3);
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 3), CancellationToken.None);

        var (tx, _, marked) = await recording.FinishAsync(Selection(first, second) with { FileName = "H25079629031.zip" });
        await tx.CommitAsync();

        Assert.Equal(2, marked);
        Assert.Equal((2, 2), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        Assert.Equal(1, await PacksAsync(2029, 3));
    }

    [Fact]
    public async Task The_cases_the_format_names_at_the_end_are_the_ones_recorded()
    {
        var (first, second) = await TwoVisitsAsync(2029, 4);
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 4), CancellationToken.None);

        recording.Start(Selection(first, second));
        var (tx, packId, marked) = await recording.FinishAsync(Selection(second) with { FileName = "H25079629041.zip" });
        await tx.CommitAsync();

        Assert.Equal(1, marked);
        Assert.Equal((1, 2), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        Assert.Equal(1, await PacksAsync(2029, 4));
        await using var check = fixture.Hub.OpenConnection();
        Assert.Equal([second], await check.QueryAsync<long>("select visit_id from pack_visit where pack_id = @packId", new { packId }));
    }

    [Fact]
    public async Task Visits_handed_over_while_the_pack_is_built_are_marked_at_once_under_one_audit_line()
    {
        var (first, second) = await TwoVisitsAsync(2029, 5);
        var third = (await fixture.AddVisitAsync(await fixture.AddPatientAsync("rec-2029-5b"), 2029, 5)).Id;
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 5), CancellationToken.None);

        recording.Include([first]);
        recording.Include([second, third]);
        // Marked behind the build, before the format says the cases are final: the run's transaction holds the rows.
        await WaitUntilLockedAsync(first, second, third);
        var selected = Selection(first, second, third);
        recording.Start(selected);
        var (tx, packId, marked) = await recording.FinishAsync(selected with { FileName = "H25079629051.zip" });

        Assert.Equal(3, marked);
        Assert.Equal(0, await PacksAsync(2029, 5));
        await tx.CommitAsync();
        Assert.Equal((2, 2, 2), (await fixture.StatusAsync(first), await fixture.StatusAsync(second), await fixture.StatusAsync(third)));
        await using var check = fixture.Hub.OpenConnection();
        Assert.Equal([first, second, third], await check.QueryAsync<long>("select visit_id from pack_visit where pack_id = @packId order by position", new { packId }));
        Assert.Equal(3, await check.ExecuteScalarAsync<int>("select records from pack where id = @packId", new { packId }));
        var lines = (await check.QueryAsync<long>(
            "select id from audit_log where entity = 'pack' and entity_id = @id and operation = 'mark-sent'", new { id = packId.ToString() })).ToList();
        Assert.Single(lines);
        Assert.Equal([first, second, third], await check.QueryAsync<long>("select visit_id from audit_visit where audit_id = @line order by visit_id", new { line = lines[0] }));
        Assert.Contains("mark-sent operator status 1→2", await fixture.Operator.HistoryAsync(third));
    }

    [Fact]
    public async Task A_run_that_fails_after_handing_over_visits_leaves_nothing()
    {
        var (first, second) = await TwoVisitsAsync(2029, 6);
        await using (var conn = fixture.Hub.OpenConnection())
        await using (var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 6), CancellationToken.None))
        {
            recording.Include([first, second]);
            await WaitUntilLockedAsync(first, second);
        }

        Assert.Equal((1, 1), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        Assert.Equal(0, await PacksAsync(2029, 6));
    }

    [Fact]
    public async Task Visits_handed_over_that_are_not_the_pack_at_the_end_are_undone()
    {
        var (first, second) = await TwoVisitsAsync(2029, 7);
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(conn, fixture.MoId, "operator", "primorye-25", Options(2029, 7), CancellationToken.None);

        recording.Include([first, second]);
        var (tx, packId, marked) = await recording.FinishAsync(Selection(second) with { FileName = "H25079629071.zip" });
        await tx.CommitAsync();

        Assert.Equal(1, marked);
        Assert.Equal((1, 2), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        await using var check = fixture.Hub.OpenConnection();
        Assert.Equal([second], await check.QueryAsync<long>("select visit_id from pack_visit where pack_id = @packId", new { packId }));
        Assert.Equal(1, await PacksAsync(2029, 7));
    }

    [Fact]
    public async Task A_checks_passing_visits_handed_over_are_recorded_with_the_check_and_none_is_marked()
    {
        var (first, second) = await TwoVisitsAsync(2029, 8);
        await using var conn = fixture.Hub.OpenConnection();
        await using var recording = new PackRecording(
            conn, fixture.MoId, "operator", "primorye-25", Options(2029, 8) with { MarkSent = false, CheckOnly = true }, CancellationToken.None);

        recording.Include([first, second]);
        // Written behind the check, before it ends: the run's transaction has inserted into pack_visit.
        await WaitUntilAsync(
            probe => probe.ExecuteScalarAsync<bool>(
                "select exists (select 1 from pg_locks where pid = @pid and relation = 'pack_visit'::regclass and mode = 'RowExclusiveLock')",
                new { pid = conn.ProcessID }),
            "the checked visits were not written while the check ran");

        var (tx, packId, marked) = await recording.FinishAsync(Selection(first, second));
        await tx.CommitAsync();

        Assert.Equal(0, marked);
        Assert.Equal((1, 1), (await fixture.StatusAsync(first), await fixture.StatusAsync(second)));
        await using var check = fixture.Hub.OpenConnection();
        Assert.Equal([first, second], await check.QueryAsync<long>("select visit_id from pack_visit where pack_id = @packId order by position", new { packId }));
        Assert.Equal((true, 2), await check.QuerySingleAsync<(bool, int)>("select check_only, records from pack where id = @packId", new { packId }));
    }

    /// <summary>Waits until another transaction holds the rows of the visits (they are being changed).</summary>
    private Task WaitUntilLockedAsync(params long[] visits) =>
        WaitUntilAsync(
            async probe => !(await probe.QueryAsync<long>("select id from visit where id = any(@visits) for update skip locked", new { visits })).Any(),
            "the handed-over visits were not marked while the pack was built");

    /// <summary>Asks <paramref name="condition"/> on a connection of its own until it holds (at most 20 s).</summary>
    private async Task WaitUntilAsync(Func<Npgsql.NpgsqlConnection, Task<bool>> condition, string failure)
    {
        await using var probe = fixture.Hub.OpenConnection();
        for (var waited = 0; !await condition(probe); waited += 50)
        {
            Assert.True(waited < 20_000, failure);
            await Task.Delay(50);
        }
    }

    private static PackOptions Options(int year, int month) =>
        new(new ReportPeriod(year, month), 1, MarkSent: true, FreshOnly: false, CheckOnly: false);

    private static PackResult Selection(params long[] visits) =>
        new() { Records = visits.Length, Persons = 1, Included = visits };

    private async Task<(long First, long Second)> TwoVisitsAsync(int year, int month)
    {
        var patient = await fixture.AddPatientAsync($"rec-{year}-{month}");
        return ((await fixture.AddVisitAsync(patient, year, month)).Id, (await fixture.AddVisitAsync(patient, year, month)).Id);
    }

    private async Task<long> PacksAsync(int year, int month)
    {
        await using var conn = fixture.Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<long>(
            "select count(*) from pack where mo_id = @MoId and report_year = @year and report_month = @month", new { fixture.MoId, year, month });
    }
}
