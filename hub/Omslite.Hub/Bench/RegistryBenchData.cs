using Dapper;
using Npgsql;
using Omslite.Hub.Demo;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Bench;

/// <summary>The MO and month the registry benchmarks work on.</summary>
public sealed record RegistryBenchMo(int Id, string Code, string ShortCode, ReportPeriod Period);

/// <summary>
/// A demo-like MO in region format primorye-25 (the demo's reference books, loaded by <see cref="DemoReferenceSet"/>)
/// with N CT/MRI visits of one report month, each with its patient (≈ 0.8 patients per visit) and one tariffed
/// study, nine in ten synced from an MIS (with the values it sent), made with set-based SQL. Every 100th visit lacks its main diagnosis, so the checks have something to
/// exclude, as in a real month.
/// </summary>
public static class RegistryBenchData
{
    public const string MoCode = "250887";
    public static readonly ReportPeriod Period = new(2026, 3);

    /// <param name="status">The visits' status: 1 (open, as before a pack) or 2 (sent, as when TFOMS answers).</param>
    public static async Task<RegistryBenchMo> SeedAsync(NpgsqlDataSource database, int visits, int status, ILogger log, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var moId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into mo (code, short_code, name, region, okato, region_format, lpu_1, plat, settings)
            values (@MoCode, '887', 'Бенчмарк реестров', '25', '05000', 'primorye-25', '25202688700001001', '25011', '{"ogrn": "1112539013696"}')
            returning id
            """, new { MoCode }, cancellationToken: ct));
        await new DemoReferenceSet(database, log).EnsureAsync(MoCode, ct);

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            create temporary table bench_code on commit drop as
              select row_number() over (order by t.code) - 1 as i, t.code, case when t.code like 'A05.%' then 281 else 221 end as podr
              from tariff t join tariff_version tv on tv.id = t.version_id where tv.mo_id = @moId;
            create temporary table bench_mo on commit drop as
              select row_number() over (order by short_code) - 1 as i, short_code from mo_local where mo_id = @moId and short_code <> '887';
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato, st_okato,
                                 dul_type, dul_series, dul_number, dul_date, dul_issuer, mo_att, soc)
              select @moId, g::text,
                     (array['ИВАНОВ','ПЕТРОВ','СИДОРОВ','КУЗНЕЦОВ','СМИРНОВ','ПОПОВ','ВАСИЛЬЕВ','НОВИКОВ'])[1 + g % 8] || case when g % 2 = 0 then '' else 'А' end,
                     case when g % 2 = 0 then (array['ИВАН','ПЁТР','СЕРГЕЙ','АНДРЕЙ'])[1 + g % 4] else (array['АННА','ОЛЬГА','ЕЛЕНА','МАРИЯ'])[1 + g % 4] end,
                     case when g % 2 = 0 then 'ИВАНОВИЧ' else 'СЕРГЕЕВНА' end,
                     case when g % 2 = 0 then 'м' else 'ж' end, date '1940-01-01' + (g * 37 % 25000),
                     3, '25' || lpad(g::text, 14, '0'), case when g % 5 = 0 then '25016' else '25011' end, '05000', '05000',
                     14, lpad((g % 100)::text, 2, '0') || ' ' || lpad((g / 100 % 100)::text, 2, '0'), lpad((g % 1000000)::text, 6, '0'),
                     date '2010-01-01' + g % 4000, 'УМВД России по Приморскому краю', (select short_code from bench_mo where i = g % (select count(*) from bench_mo)), 0
              from generate_series(1, @patients) g;
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, status, ist_fin, purpose, usl_ok, for_pom,
                               doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, npr_date, npr_mo, npr_number)
              select @moId, p.id, d, d, @year, @month, @status, 1, 4, 3, 3, 63, 1 + g % 3,
                     case when g % 100 = 0 then null when g % 3 = 0 then 'K87.1' else 'R91' end, 1, 4, 14, 1,
                     d - 3, (select short_code from bench_mo where i = g % (select count(*) from bench_mo)), (100000 + g)::text
              from generate_series(1, @visits) g
              cross join lateral (select make_date(@year, @month, 1 + g % 28) as d) dates
              join patient p on p.mo_id = @moId and p.card_number = (1 + g % @patients)::text
              order by g;
            insert into visit_service (visit_id, code, quantity, service_date, exec_podr)
              select v.id, c.code, 1, v.open_date, c.podr
              from visit v join bench_code c on c.i = v.number % (select count(*) from bench_code)
              where v.mo_id = @moId;
            -- Nine visits in ten came from the MIS and hold what it sent, as a sync leaves them (so every write to
            -- them pays for the correction flags of visit_track_corrections, as in a real month).
            insert into mis_source (mo_id, name, connector) values (@moId, 'bench-mis', 'sql-postgresql');
            update visit v set source_id = s.id, source_key = v.number::text
            from mis_source s
            where s.mo_id = @moId and v.mo_id = @moId and v.number % 10 <> 0;
            insert into visit_mis (visit_id, mis_values)
              select v.id, (to_jsonb(v) - '{id,mo_id,number,patient_id,status,mek,version,created_at,updated_at,overrides,source_id,source_key,corrected_fields,corrected_services}'::text[])
                           || jsonb_build_object('__services', visit_services_key(v.id))
              from visit v where v.mo_id = @moId and v.source_id is not null;
            """,
            new { moId, patients = Math.Max(1, visits * 4 / 5), visits, status, year = Period.Year, month = Period.Month },
            tx, commandTimeout: 600, cancellationToken: ct));
        await tx.CommitAsync(ct);
        // As autovacuum would leave them after the load (the MIS values were written by an update).
        foreach (var table in new[] { "patient", "visit", "visit_service", "visit_mis" })
        {
            await using var vacuum = new NpgsqlCommand($"vacuum analyze {table}", conn) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        return new RegistryBenchMo(moId, MoCode, "887", Period);
    }
}
