using Dapper;
using Npgsql;

namespace Omslite.Hub.Bench;

/// <summary>
/// A bench MO with a realistic working database: 100 000 visits of 20 000 patients over a year (nine in ten synced from
/// an MIS), with the books the visit rules need and each month's packs, checks and returns
/// (<see cref="BenchStages"/>), made with set-based SQL (seconds, not minutes).
/// </summary>
public static class BenchData
{
    public const string MoCode = "250888";

    public static async Task<int> SeedAsync(NpgsqlDataSource database, int visits, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var moId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "insert into mo (code, short_code, name, region, okato) values (@MoCode, '888', 'Бенчмарк', '25', '05000') returning id",
            new { MoCode }, tx, cancellationToken: ct));
        var patients = Math.Max(1, visits / 5);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into local_lookup (mo_id, book, code, name) values (@moId, 'ist_fin', 1, 'ОМС'), (@moId, 'purpose', 4, 'Профосмотры');
            insert into local_specialty (mo_id, spec, name, prvs, profil) values (@moId, 63, 'Рентгенолог', 60, 78), (@moId, 76, 'Терапевт', 76, 97);
            insert into doctor (mo_id, code, spec, family, snils)
              select @moId, g, 63, 'Врач ' || g, lpad(g::text, 11, '0') from generate_series(1, 10) g;
            insert into mo_local (mo_id, short_code, code, short_name, name)
              select @moId, lpad(g::text, 3, '0'), '250' || lpad(g::text, 3, '0'), 'МО ' || g, 'Медицинская организация ' || g from generate_series(100, 120) g;
            insert into nsi_book (book, name) values ('MKB10', 'МКБ-10') on conflict do nothing;
            insert into nsi_entry (book, code, name) values ('MKB10', 'R91', 'Отклонения при визуализации лёгких'), ('MKB10', 'Z01.8', 'Обследование')
              on conflict do nothing;
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato, mo_att)
              select @moId, g::text, (array['ИВАНОВ','ПЕТРОВ','СИДОРОВ','КУЗНЕЦОВ','СМИРНОВ'])[1 + g % 5] || g,
                     'ИМЯ', 'ОТЧЕСТВО', case when g % 2 = 0 then 'м' else 'ж' end, date '1950-01-01' + (g % 20000),
                     3, lpad(g::text, 16, '2'), '25011', '05000', '100'
              from generate_series(1, @patients) g;
            insert into mis_source (mo_id, name, connector) values (@moId, 'bench-mis', 'sql-postgresql');
            -- Nine visits in ten came from the MIS and hold what it sent (as a sync leaves them); a month ago.
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ist_fin, purpose, usl_ok,
                               doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, npr_date, npr_mo, npr_spec, npr_number,
                               source_id, source_key, updated_at)
              select @moId, p.id, d, d, 2026, month, 1, 4, 3, 63, 1 + g % 10, 'R91', 1, 4, 14, 1, d, npr_mo, 76, (100000 + g)::text,
                     s.id, case when s.id is not null then g::text end, now() - interval '30 days'
              from generate_series(1, @visits) g
              cross join lateral (select date '2026-01-01' + (g % 365) as d, lpad((100 + g % 20)::text, 3, '0') as npr_mo) dates
              cross join lateral (select extract(month from d)::int as month) months
              join patient p on p.mo_id = @moId and p.card_number = (1 + g % @patients)::text
              left join mis_source s on s.mo_id = @moId and g % 10 <> 0;
            insert into visit_mis (visit_id, mis_values)
              select v.id, jsonb_build_object('open_date', v.open_date::text, 'close_date', v.close_date::text, 'report_year', v.report_year::text,
                                              'report_month', v.report_month::text, 'ist_fin', '1', 'purpose', '4', 'usl_ok', '3', 'doc_spec', '63',
                                              'doc_code', v.doc_code::text, 'ds1', 'R91', 'char1', '1', 'ishod', '4', 'rslt', '14', 'visit_pol', '1',
                                              'npr_date', v.npr_date::text, 'npr_mo', v.npr_mo, 'npr_spec', '76', 'npr_number', v.npr_number,
                                              '__services', '')
              from visit v where v.mo_id = @moId and v.source_id is not null;
            """,
            new { moId, patients, visits }, tx, commandTimeout: 600, cancellationToken: ct));
        await BenchStages.SeedAsync(conn, tx, moId, ct);
        await tx.CommitAsync(ct);
        await using var analyze = new NpgsqlCommand("analyze patient; analyze visit; analyze visit_mis; analyze pack; analyze pack_visit; analyze pack_problem; analyze flk_error;", conn) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync(ct);
        return moId;
    }
}
