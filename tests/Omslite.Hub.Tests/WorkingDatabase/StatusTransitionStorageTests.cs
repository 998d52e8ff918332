using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.WorkingDatabase;

/// <summary>Migration 0017: a bulk status change rewrites the visit row in place (heap-only), adding no index entries;
/// 0018: without locking each row first; 0020: without copying what the MIS sent.</summary>
public class StatusTransitionStorageTests
{
    [Fact]
    public async Task Marking_a_months_visits_sent_and_reopening_them_updates_every_row_on_its_own_page_without_locking_it_first()
    {
        await using var database = await TestPostgres.CreateDataSourceAsync();
        await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).MigrateAsync(default);
        await using var conn = await database.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
            insert into patient (mo_id, card_number, fam, im, sex, birth_date) select id, 'K-1', 'ПЕТРОВА', 'ОЛЬГА', 'ж', '1980-01-02' from mo;
            insert into mis_source (mo_id, name, connector) select id, 'mis', 'sql-postgresql' from mo;
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1, source_id, source_key)
              select p.mo_id, p.id, '2026-11-03', '2026-11-03', 2026, 11, 'R91', s.id, g::text
              from patient p join mis_source s on s.mo_id = p.mo_id, generate_series(1, 200) g;
            -- What the MIS sent is what the visits hold (not corrected: the flags' trigger leaves the rows alone).
            insert into visit_mis (visit_id, mis_values)
            select v.id, (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(v))
                          where key in (select jsonb_object_keys(visit_synced_blank())) and value is not null)
                         || jsonb_build_object('note', repeat('x', 1000))
            from visit v;
            create extension pg_walinspect;
            """);
        // The rows stand as inserted (half of each page free for the transitions' new versions), not rewritten once by a flag.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from visit where corrected_fields or corrected_services"));
        // What the MIS sent (1 KB a visit here, as in a real month) is not part of the row a status change rewrites.
        Assert.InRange(await conn.ExecuteScalarAsync<int>("select max(pg_column_size(v.*)) from visit v"), 1, 400);

        foreach (var (from, to) in new[] { (1, 2), (2, 1), (1, 2) })
        {
            // The session's counters not yet reported: a heap-only update stays on its page and touches no index.
            const string InPlace = "select pg_stat_get_xact_tuples_hot_updated('visit'::regclass)";
            var start = await conn.ExecuteScalarAsync<string>("select pg_current_wal_insert_lsn()::text");
            await using var tx = await conn.BeginTransactionAsync();
            var before = await conn.ExecuteScalarAsync<long>(InPlace, transaction: tx);
            var changed = await conn.ExecuteAsync(
                "update visit set status = @to, version = version + 1, updated_at = now() where status = @from", new { from, to }, tx);
            Assert.Equal((200, 200L), (changed, await conn.ExecuteScalarAsync<long>(InPlace, transaction: tx) - before));
            await tx.CommitAsync();
            // The commit flushed the WAL of the update: no row of it was locked before its new version was written
            // (a BEFORE UPDATE row trigger on visit makes PostgreSQL lock every row an UPDATE touches). Only this
            // database's visit table counts: the WAL is the whole server's, where other tests lock rows of their own.
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
                """
                select count(*) from pg_get_wal_records_info(@start::pg_lsn, pg_current_wal_flush_lsn())
                where resource_manager = 'Heap' and record_type = 'LOCK'
                  and position('/' || (select oid from pg_database where datname = current_database()) || '/'
                               || pg_relation_filenode('visit') || ' ' in block_ref) > 0
                """,
                new { start }));
            // Reclaims the old versions as the page pruning of a working database would between two transitions.
            await conn.ExecuteAsync("vacuum visit");
        }
    }
}
