using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Omslite.MisConnectors.Legacy;

/// <summary>The visit and service tables of one year: <c>talonz_clin_YY</c> and <c>para_clin_YY</c>.</summary>
/// <param name="Yy">The 2-digit year of the tables' names.</param>
/// <param name="HasModified">Whether the visit table has the <c>modified</c> stamp.</param>
internal sealed record YearTables(int Yy, bool HasModified)
{
    public int Year => 2000 + Yy;

    public string Visits => $"talonz_clin_{Yy:00}";

    public string Services => $"para_clin_{Yy:00}";
}

/// <summary>
/// What a legacy database has, read from the catalogue: the per-year tables, the optional tables and columns, and
/// what keeps the connector from reading it (missing tables or columns, privileges, row-level security).
/// </summary>
internal sealed partial class LegacySchema
{
    private static readonly string[] CardColumns =
    [
        "id", "crd_num", "fam", "im", "ot", "birth_date", "gender", "polis_ser", "polis_num", "smo", "smo_okato",
        "dul_type", "dul_serial", "dul_number", "dul_date", "dul_org", "mo_att", "soc", "city_g", "street_g",
        "home_g", "phone_wrk",
    ];

    private static readonly string[] VisitColumns =
    [
        "tal_num", "crd_num", "open_date", "close_date", "talon_type", "talon_month", "mek", "ist_fin",
        "first_vflag", "doc_spec", "doc_code", "purp", "for_pom", "rslt", "ishod", "visit_pol", "visit_home",
        "npr_mo", "npr_spec", "naprlech", "npr_date", "ds1", "ds2", "char1",
    ];

    private static readonly string[] ServiceColumns =
        ["id", "tal_num", "date_usl", "code_usl", "kol_usl", "exec_spec", "exec_doc", "exec_podr"];

    private static readonly string[] TariffColumns = ["id", "code", "tarif", "name"];

    private static readonly string[] PmuColumns = ["id", "code_usl", "ccode", "name", "code_podr", "code_spec"];

    /// <summary>The tables every legacy database has (legacy-schema.sql) and the columns the connector reads.</summary>
    private static readonly (string Table, string[] Columns)[] Required =
    [
        ("cardz_clin", CardColumns),
        ("spec_prvs_profil", ["spec", "name", "prvs", "profil"]),
        ("doctor", ["code", "spec", "family", "snils"]),
        ("mo_local", ["scode", "code", "sname", "name"]),
        ("smo_local", ["code", "okato", "name"]),
        ("profil", ["id", "name", "one_visit", "two_visit"]),
        ("tarifs_pmu_vzaimoras", TariffColumns),
    ];

    private readonly Dictionary<string, TableInfo> _tables;

    private LegacySchema(string schema, string user, Dictionary<string, TableInfo> tables)
    {
        Schema = schema;
        User = user;
        _tables = tables;
        Years = tables.Keys
            .Select(t => VisitTableName().Match(t))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Order()
            .Select(yy => new YearTables(yy, tables[$"talonz_clin_{yy:00}"].Columns.Contains("modified")))
            .ToList();
        TariffArchives = tables.Keys
            .Select(t => TariffArchiveName().Match(t))
            .Where(m => m.Success && HasColumns(m.Value, TariffColumns))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        Problems = FindProblems();
    }

    public string Schema { get; }

    /// <summary>The role the connector reads as.</summary>
    public string User { get; }

    /// <summary>The years that have visit tables, oldest first.</summary>
    public IReadOnlyList<YearTables> Years { get; }

    /// <summary>The 2-digit years of the tariff archives <c>tarifs_pmu_vzaimoras_YY</c>.</summary>
    public IReadOnlyList<int> TariffArchives { get; }

    /// <summary>What keeps the connector from reading the database, one Russian line each.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The kind of the first problem: the schema is not the original's, rights or row-level security.</summary>
    public string Headline { get; private set; } = "";

    public bool CardHasModified => HasColumns("cardz_clin", ["modified"]);

    public bool CardHasFlat => HasColumns("cardz_clin", ["flat_g"]);

    /// <summary>
    /// <c>alias.column</c> when the table has the column, else a NULL of <paramref name="type"/>: for the columns read
    /// when present (a database older than the DDL lacks some, e.g. <c>vz</c> came in January 2026).
    /// </summary>
    public string Optional(string table, string alias, string column, string type) =>
        HasColumns(table, [column]) ? $"{alias}.{column}" : $"null::{type}";

    public bool DoctorHasDeletedFlag => HasColumns("doctor", ["ddel"]);

    public bool HasPmu => HasColumns("pmu", PmuColumns);

    public bool TariffHasUpdated => HasColumns("tarifs_pmu_vzaimoras", ["updated"]);

    /// <summary>A table name qualified by the schema and quoted.</summary>
    public string Table(string name) => $"{Quote(Schema)}.{Quote(name)}";

    /// <summary>Throws with the check's message when the database cannot be read.</summary>
    public void EnsureReadable(string database)
    {
        if (Problems.Count > 0)
        {
            throw new LegacySourceException(Message(database));
        }
    }

    /// <summary>The check's headline with every problem.</summary>
    public string Message(string database) =>
        $"{string.Format(CultureInfo.InvariantCulture, Headline, database, Schema, User)}: {string.Join("; ", Problems)}.";

    /// <summary>Reads the catalogue of the source's schema (nothing needs to be readable for this).</summary>
    public static async Task<LegacySchema> LoadAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        const string sql = """
            select c.relname, a.attname, has_table_privilege(c.oid, 'SELECT') as readable,
                   c.relrowsecurity and not (r.rolsuper or r.rolbypassrls
                       or (pg_has_role(c.relowner, 'USAGE') and not c.relforcerowsecurity)) as rls_limited
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
              cross join (select rolsuper, rolbypassrls from pg_roles where rolname = current_user) r
              left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
             where n.nspname = @schema and c.relkind in ('r', 'p', 'v', 'm', 'f')
            """;
        string user;
        await using (var who = new NpgsqlCommand("select current_user::text", connection))
        {
            user = (string)(await who.ExecuteScalarAsync(ct))!;
        }

        var tables = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("schema", schema);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(0);
            if (!tables.TryGetValue(name, out var table))
            {
                table = new TableInfo(reader.GetBoolean(2), reader.GetBoolean(3));
                tables.Add(name, table);
            }

            if (!reader.IsDBNull(1))
            {
                table.Columns.Add(reader.GetString(1));
            }
        }

        return new LegacySchema(schema, user, tables);
    }

    private List<string> FindProblems()
    {
        var missing = new List<string>();
        foreach (var (table, columns) in Required)
        {
            AddMissing(missing, table, columns);
        }

        if (Years.Count == 0)
        {
            missing.Add("нет таблиц визитов talonz_clin_ГГ (например, talonz_clin_25)");
        }

        foreach (var year in Years)
        {
            AddMissing(missing, year.Visits, VisitColumns);
            AddMissing(missing, year.Services, ServiceColumns, $" (услуги визитов {year.Year} года)");
        }

        if (missing.Count > 0)
        {
            Headline = "База «{0}» (схема {1}) не похожа на базу исходной системы Omslite";
            return missing;
        }

        var read = ReadTables().ToList();
        var unreadable = read.Where(t => !_tables[t].Readable).Select(t => $"нет права SELECT на таблицу {t}").ToList();
        if (unreadable.Count > 0)
        {
            Headline = "Пользователю «{2}» не хватает прав на чтение базы «{0}»";
            return unreadable;
        }

        var limited = read.Where(t => _tables[t].RowSecurityLimited).ToList();
        if (limited.Count > 0)
        {
            Headline = "Пользователь «{2}» видит не все строки базы «{0}»";
            return [$"на таблицах {string.Join(", ", limited)} включена построчная защита (RLS), и этот пользователь видит только свои строки: подключайтесь владельцем базы или ролью с атрибутом BYPASSRLS"];
        }

        return [];
    }

    /// <summary>Every table the connector reads.</summary>
    private IEnumerable<string> ReadTables()
    {
        foreach (var (table, _) in Required)
        {
            yield return table;
        }

        foreach (var year in Years)
        {
            yield return year.Visits;
            yield return year.Services;
        }

        if (HasPmu)
        {
            yield return "pmu";
        }

        foreach (var yy in TariffArchives)
        {
            yield return $"tarifs_pmu_vzaimoras_{yy:00}";
        }
    }

    private void AddMissing(List<string> problems, string table, string[] columns, string what = "")
    {
        if (!_tables.TryGetValue(table, out var info))
        {
            problems.Add($"нет таблицы {table}{what}");
            return;
        }

        var absent = columns.Where(c => !info.Columns.Contains(c)).ToList();
        if (absent.Count > 0)
        {
            problems.Add($"в таблице {table} нет столбц{(absent.Count == 1 ? "а" : "ов")} {string.Join(", ", absent)}");
        }
    }

    private bool HasColumns(string table, string[] columns) =>
        _tables.TryGetValue(table, out var info) && columns.All(info.Columns.Contains);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^talonz_clin_([0-9]{2})$")]
    private static partial Regex VisitTableName();

    [GeneratedRegex("^tarifs_pmu_vzaimoras_([0-9]{2})$")]
    private static partial Regex TariffArchiveName();

    private sealed record TableInfo(bool Readable, bool RowSecurityLimited)
    {
        public HashSet<string> Columns { get; } = new(StringComparer.Ordinal);
    }
}
