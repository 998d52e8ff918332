using Npgsql;
using Omslite.Sdk.Connectors;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>Watermarks: batches, resuming, incremental pulls across the year tables.</summary>
public sealed class LegacyIncrementalTests
{
    [Fact]
    public async Task Batches_hold_at_most_the_batch_size_and_resuming_from_a_batch_watermark_gives_the_rest_once()
    {
        var db = await CreateAsync();
        var all = (await PullAsync(db)).SelectMany(b => b.Cases).Select(c => c.SourceKey).ToList();

        var batches = await PullAsync(db, batchSize: 3);
        Assert.All(batches, b => Assert.InRange(b.Cases.Count, 1, 3));
        Assert.Equal(all, batches.SelectMany(b => b.Cases).Select(c => c.SourceKey));

        // The hub committed the first batch and stopped: the rest, and none of the first batch again.
        var first = batches[0];
        var rest = (await PullAsync(db, first.Watermark, batchSize: 3)).SelectMany(b => b.Cases).Select(c => c.SourceKey).ToList();
        Assert.Equal(all, first.Cases.Select(c => c.SourceKey).Concat(rest));

        // From the second batch's watermark too; and from the last one, nothing.
        var afterSecond = (await PullAsync(db, batches[1].Watermark)).SelectMany(b => b.Cases).Select(c => c.SourceKey);
        Assert.Equal(all.Skip(batches[0].Cases.Count + batches[1].Cases.Count), afterSecond);
        Assert.Empty((await PullAsync(db, batches[^1].Watermark)).SelectMany(b => b.Cases));
    }

    [Fact]
    public async Task After_one_visit_is_modified_an_incremental_pull_gives_only_that_case_with_a_new_marker()
    {
        var db = await CreateAsync();

        // The original's server stamps every change of a visit.
        var changed = await ChangeAndPullAsync(db, "25:2", "update talonz_clin_25 set ds1 = 'G44.8', modified = now() where tal_num = 2");

        Assert.Equal("G44.8", changed.Visit.Ds1);
    }

    [Fact]
    public async Task A_visit_deleted_or_no_longer_oms_after_the_first_pull_comes_cancelled()
    {
        var db = await CreateAsync();
        var watermark = (await PullAsync(db))[^1].Watermark;

        await ExecuteAsync(db, """
            update talonz_clin_26 set ist_fin = 2, modified = now() where tal_num = 1;
            update talonz_clin_25 set talon_type = 0, modified = now() where tal_num = 5;
            """);
        var cases = (await PullAsync(db, watermark)).SelectMany(b => b.Cases).ToList();

        Assert.Equal(["25:5", "26:1"], cases.Select(c => c.SourceKey).Order());
        Assert.All(cases, c => Assert.Equal(CaseState.Cancelled, c.State));
    }

    [Fact]
    public async Task A_service_row_added_without_touching_its_visit_brings_the_visit_again()
    {
        var db = await CreateAsync();

        var changed = await ChangeAndPullAsync(db, "26:3",
            "insert into para_clin_26 (tal_num, date_usl, code_usl, kol_usl, exec_spec, exec_doc, exec_podr) values (3, '2026-02-02', 'A06.09.005', 1, 63, 99, 281)");

        Assert.Equal(["A05.23.009", "A06.09.005"], changed.Services.Select(s => s.Code));
    }

    [Fact]
    public async Task Changed_visits_and_new_service_rows_resume_from_any_batch_without_repeats()
    {
        var db = await CreateAsync();
        var watermark = (await PullAsync(db))[^1].Watermark;

        await ExecuteAsync(db, """
            update talonz_clin_26 set naprlech = 'A-2', modified = now() where tal_num = 1;
            insert into para_clin_25 (tal_num, date_usl, code_usl, kol_usl, exec_spec, exec_doc, exec_podr)
                 values (1, '2025-11-10', 'A05.23.009', 1, 63, 13, 282), (5, '2025-12-15', 'A06.09.005', 1, 27, 21, 281);
            insert into para_clin_26 (tal_num, date_usl, code_usl, kol_usl, exec_spec, exec_doc, exec_podr)
                 values (4, '2026-01-20', 'A06.09.005', 1, 63, 11, 281);
            """);
        var batches = await PullAsync(db, watermark, batchSize: 1);
        Assert.Equal(["26:1", "25:1", "25:5", "26:4"], batches.SelectMany(b => b.Cases).Select(c => c.SourceKey));

        for (var i = 0; i < batches.Count; i++)
        {
            var rest = (await PullAsync(db, batches[i].Watermark, batchSize: 1)).SelectMany(b => b.Cases).Select(c => c.SourceKey);
            Assert.Equal(batches.Skip(i + 1).SelectMany(b => b.Cases).Select(c => c.SourceKey), rest);
        }
    }

    [Fact]
    public async Task A_change_stamped_after_an_open_transaction_began_waits_until_that_transaction_ends()
    {
        var db = await CreateAsync();
        var watermark = (await PullAsync(db))[^1].Watermark;

        // Another session of the clinic is in the middle of a transaction: a row it writes will be stamped with
        // its start, earlier than changes committed meanwhile.
        await using var open = new NpgsqlConnection(db);
        await open.OpenAsync();
        await using var tx = await open.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("select 1", open, tx))
        {
            await cmd.ExecuteScalarAsync();
        }

        await ExecuteAsync(db, "update talonz_clin_25 set rslt = 314, modified = now() where tal_num = 5");
        var waiting = await PullAsync(db, watermark);
        Assert.Empty(waiting.SelectMany(b => b.Cases));

        await tx.CommitAsync();
        var after = await PullAsync(db, waiting.Count > 0 ? waiting[^1].Watermark : watermark);
        Assert.Equal("25:5", Assert.Single(after.SelectMany(b => b.Cases)).SourceKey);
    }

    [Fact]
    public async Task A_watermark_of_another_format_starts_from_the_beginning()
    {
        var db = await CreateAsync();

        var cases = (await PullAsync(db, "2026-01-01T00:00:00")).SelectMany(b => b.Cases);

        Assert.Equal(7, cases.Count());
    }

    /// <summary>
    /// Pulls everything, changes the database, pulls from the watermark: exactly the case <paramref name="key"/> comes,
    /// with a new marker, and after it nothing more.
    /// </summary>
    private static async Task<SourceCase> ChangeAndPullAsync(string db, string key, string change)
    {
        var first = await PullAsync(db);
        var before = first.SelectMany(b => b.Cases).Single(c => c.SourceKey == key);

        await ExecuteAsync(db, change);
        var batches = await PullAsync(db, first[^1].Watermark);

        var changed = Assert.Single(batches.SelectMany(b => b.Cases));
        Assert.Equal(key, changed.SourceKey);
        Assert.NotEqual(before.ChangeMarker, changed.ChangeMarker);
        Assert.Empty((await PullAsync(db, batches[^1].Watermark)).SelectMany(b => b.Cases));
        return changed;
    }
}
