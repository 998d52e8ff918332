using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.ReferenceBooks.Api;

/// <summary>
/// A hub with two MOs (A 250796, B 250100), a user of each role in A and an admin and viewer in B, sample federal
/// books and sample local books in both MOs (inserted with SQL, as the imports would).
/// </summary>
public sealed class ReferenceBooksHub : IAsyncLifetime
{
    public const string MoA = "250796";
    public const string MoB = "250100";

    private TestHub? _hub;

    public TestHub Hub => _hub!;

    public int MoAId { get; private set; }

    public int MoBId { get; private set; }

    public HttpClient AdminA { get; private set; } = null!;

    public HttpClient OperatorA { get; private set; } = null!;

    public HttpClient ViewerA { get; private set; } = null!;

    public HttpClient AdminB { get; private set; } = null!;

    public HttpClient ViewerB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        MoAId = await Hub.AddMoAsync(MoA, "Центр КТ");
        MoBId = await Hub.AddMoAsync(MoB, "Другая МО");
        await Hub.AddUserAsync("admin-a", Roles.Admin, MoA);
        await Hub.AddUserAsync("operator-a", Roles.Operator, MoA);
        await Hub.AddUserAsync("viewer-a", Roles.Viewer, MoA);
        await Hub.AddUserAsync("admin-b", Roles.Admin, MoB);
        await Hub.AddUserAsync("viewer-b", Roles.Viewer, MoB);
        AdminA = await Hub.LoginAsync("admin-a");
        OperatorA = await Hub.LoginAsync("operator-a");
        ViewerA = await Hub.LoginAsync("viewer-a");
        AdminB = await Hub.LoginAsync("admin-b");
        ViewerB = await Hub.LoginAsync("viewer-b");
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = Hub.OpenConnection();
        return (await conn.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync(sql, parameters);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The field errors of a 400 answer: field → Russian message.</summary>
    public static async Task<Dictionary<string, string?>> ErrorsAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString());

    /// <summary>The message of the first field error of a 400 answer.</summary>
    public static async Task<string?> FirstErrorAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString();

    /// <summary>The values of one field over a list answer's items.</summary>
    public static List<string?> Field(JsonElement page, string field) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).ToString()).ToList<string?>();

    private async Task SeedAsync()
    {
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync(
            """
            insert into nsi_book (book, name) values ('MKB10', 'МКБ-10'), ('V002', 'Профили'), ('V021', 'Специальности');
            insert into nsi_entry (book, code, name, date_beg, date_end, attrs) values
                ('MKB10', 'S52', 'Перелом костей предплечья', '1900-01-01', null, '{"oms": "1"}'),
                ('MKB10', 'S52.5', 'Перелом нижнего конца лучевой кости', '1900-01-01', null, '{"oms": "1"}'),
                ('MKB10', 'S62', 'Перелом на уровне запястья и кисти', '1900-01-01', null, '{}'),
                ('MKB10', 'M54.5', 'Боль внизу спины', '1900-01-01', null, '{}'),
                ('MKB10', 'U07.1', 'COVID-19, вирус идентифицирован', '2020-02-01', null, '{}'),
                ('MKB10', 'A00', 'Холера', '1900-01-01', '2010-12-31', '{}'),
                ('V002', '78', 'рентгенологии', '2011-01-01', null, '{}'),
                ('V002', '9', 'гериатрии', '2011-01-01', null, '{}'),
                ('V002', '100', 'клинической фармакологии', '2011-01-01', null, '{}'),
                ('V021', '60', 'Рентгенология', '2016-01-01', null, '{}');
            """);
        foreach (var (mo, prefix) in new[] { (MoAId, "A"), (MoBId, "B") })
        {
            await conn.ExecuteAsync(
                """
                insert into local_specialty (mo_id, spec, name, prvs, profil) values (@mo, 63, 'Рентгенолог', 60, 78);
                insert into pmu (mo_id, code, ccode, name) values
                    (@mo, 'A05.' || @prefix || '.001', 1, 'МРТ ' || @prefix),
                    (@mo, 'A06.' || @prefix || '.002', 2, 'КТ ' || @prefix);
                insert into pmu_group (mo_id, name) values (@mo, 'Группа ' || @prefix);
                insert into local_lookup (mo_id, book, code, name) values (@mo, 'sp_para', 1, 'КТ ' || @prefix), (@mo, 'ist_fin', 1, 'ОМС');
                """,
                new { mo, prefix });
        }

        // MO A: 60 doctors (two pages), named "Врач В".."Врач Я" so that sorting by name differs from sorting by code.
        await conn.ExecuteAsync(
            """
            insert into doctor (mo_id, code, spec, family, snils)
            select @mo, n, 63, 'Врач ' || chr(1071 - n % 30), lpad(n::text, 11, '0') from generate_series(1, 60) n
            """,
            new { mo = MoAId });
        await conn.ExecuteAsync(
            "insert into doctor (mo_id, code, spec, family, snils) values (@mo, 1, 63, 'Доктор Б', '99999999999')", new { mo = MoBId });

        // MO A: tariffs of 2024 and 2025; MO B: one version of its own.
        await conn.ExecuteAsync(
            """
            with v as (insert into tariff_version (mo_id, valid_from, source_file) values (@a, '2024-01-01', 't2024.csv') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A05.A.001', 'МРТ A', 1000 from v;
            with v as (insert into tariff_version (mo_id, valid_from, source_file) values (@a, '2025-01-01', 't2025.csv') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A05.A.001', 'МРТ A', 1200 from v;
            with v as (insert into tariff_version (mo_id, valid_from, source_file) values (@b, '2024-06-01', 'b.csv') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A05.B.001', 'МРТ B', 900 from v;
            """,
            new { a = MoAId, b = MoBId });
    }
}
