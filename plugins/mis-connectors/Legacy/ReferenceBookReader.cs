using System.Data;
using System.Globalization;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>The legacy database's own books that its cases depend on (see README.md, "Reference books").</summary>
internal static class ReferenceBookReader
{
    public static async Task<SourceReferenceBooks> ReadAsync(SourceConnection source, CancellationToken ct)
    {
        await using var connection = await LegacyDatabase.OpenAsync(source, ct);
        return await CasePuller.Guard(connection, async () =>
        {
            var schema = await LegacySchema.LoadAsync(connection, LegacyDatabase.SchemaName(source), ct);
            schema.EnsureReadable(connection.Database);
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var db = new Reader(connection, tx, schema, ct);
            var books = new SourceReferenceBooks
            {
                Specialties = await db.ListAsync(
                    "select spec, name, prvs, profil from {spec_prvs_profil} order by spec",
                    r => new SourceSpecialty(r.Int("spec")!.Value, r.Text("name") ?? "", r.Int("prvs"), r.Int("profil"))),
                Doctors = await db.ListAsync(
                    $"select spec, code, family, snils from {{doctor}} {(schema.DoctorHasDeletedFlag ? "where coalesce(ddel::text, '0') not in ('1', 't', 'true')" : "")} order by spec, code",
                    r => new SourceDoctor(r.Int("spec")!.Value, r.Int("code")!.Value, r.Text("family") ?? "", LegacyCodes.Snils(r.Text("snils")))),
                LocalMos = await db.ListAsync(
                    "select scode, code, sname, name from {mo_local} where code is not null order by scode",
                    r => new SourceLocalMo(LegacyCodes.ShortCode(r.Int("scode")!.Value), LegacyCodes.MoCode(r.Long("code")!.Value),
                        r.Text("sname") ?? "", r.Text("name") ?? r.Text("sname") ?? "")),
                Smos = await db.ListAsync(
                    "select code, okato, name from {smo_local} order by code",
                    r => new SourceSmo(r.Int("code")!.Value.ToString(CultureInfo.InvariantCulture), r.Text("okato") ?? "", r.Text("name") ?? "")),
                ProfileServices = await db.ListAsync(
                    "select id, one_visit, two_visit from {profil} where coalesce(trim(one_visit), '') <> '' or coalesce(trim(two_visit), '') <> '' order by id",
                    r => new SourceProfileService(r.Int("id")!.Value, r.Text("one_visit"), r.Text("two_visit"))),
                Pmu = !schema.HasPmu ? [] : await db.ListAsync(
                    "select distinct on (trim(code_usl)) code_usl, ccode, name, code_podr, code_spec from {pmu} where coalesce(trim(code_usl), '') <> '' order by trim(code_usl), id desc",
                    r => new SourcePmu(r.Text("code_usl")!, r.Int("ccode"), r.Text("name") ?? "", r.Int("code_podr"), r.Int("code_spec"))),
                Tariffs = await TariffsAsync(db, schema),
            };
            await tx.CommitAsync(ct);
            return books;
        });
    }

    /// <summary>
    /// The current table as the version effective 1 January of this year, and each archive <c>_YY</c> as the version
    /// effective 1 January 20YY. An archive of this very year means the current table came with an import during the
    /// year: it then takes effect from its latest <c>updated</c> date. Archives of later years are left out.
    /// </summary>
    private static async Task<IReadOnlyList<SourceTariffVersion>> TariffsAsync(Reader db, LegacySchema schema)
    {
        var today = await db.ScalarAsync<DateOnly>("select current_date");
        var currentFrom = new DateOnly(today.Year, 1, 1);
        var versions = new SortedDictionary<DateOnly, IReadOnlyList<SourceTariff>>();
        foreach (var yy in schema.TariffArchives.Where(yy => 2000 + yy <= today.Year))
        {
            versions[new DateOnly(2000 + yy, 1, 1)] = await PricesAsync(db, $"tarifs_pmu_vzaimoras_{yy:00}");
        }

        if (versions.ContainsKey(currentFrom))
        {
            var updated = schema.TariffHasUpdated
                ? await db.ScalarAsync<DateOnly?>("select max(updated) from {tarifs_pmu_vzaimoras}")
                : null;
            if (updated is { } u && u.Year == today.Year && u > currentFrom)
            {
                currentFrom = u;
            }
            else
            {
                versions.Remove(currentFrom);
            }
        }

        versions[currentFrom] = await PricesAsync(db, "tarifs_pmu_vzaimoras");
        return versions.Where(v => v.Value.Count > 0).Select(v => new SourceTariffVersion(v.Key, v.Value)).ToList();
    }

    /// <summary>One price per code (the archives have no unique key: the last row wins); a row without a price is left out.</summary>
    private static Task<List<SourceTariff>> PricesAsync(Reader db, string table) =>
        db.ListAsync(
            $$"""
            select distinct on (trim(code)) code, name, tarif::float8 as tarif from {{{table}}}
             where coalesce(trim(code), '') <> '' and tarif is not null
             order by trim(code), id desc
            """,
            r => new SourceTariff(r.Text("code")!, r.Text("name") ?? "",
                Math.Round((decimal)r.GetDouble(r.GetOrdinal("tarif")), 2, MidpointRounding.AwayFromZero)));

    /// <summary>Runs the book queries; <c>{table}</c> in a query stands for the schema-qualified table.</summary>
    private sealed class Reader(NpgsqlConnection connection, NpgsqlTransaction tx, LegacySchema schema, CancellationToken ct)
    {
        public async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> map)
        {
            var list = new List<T>();
            await using var cmd = new NpgsqlCommand(Qualify(sql), connection, tx);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                list.Add(map(r));
            }

            return list;
        }

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var cmd = new NpgsqlCommand(Qualify(sql), connection, tx);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return r.IsDBNull(0) ? default! : r.GetFieldValue<T>(0);
        }

        private string Qualify(string sql)
        {
            var start = sql.IndexOf('{', StringComparison.Ordinal);
            while (start >= 0)
            {
                var end = sql.IndexOf('}', start);
                var table = schema.Table(sql[(start + 1)..end]);
                sql = string.Concat(sql.AsSpan(0, start), table, sql.AsSpan(end + 1));
                start = sql.IndexOf('{', start + table.Length);
            }

            return sql;
        }
    }
}
