using System.Net;
using System.Net.Sockets;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>The connection test: what it finds, and a Russian sentence saying what to fix when it cannot read.</summary>
public sealed class LegacyCheckTests
{
    private static Task<ConnectionCheck> CheckAsync(string connectionString) =>
        new LegacyConnector().CheckAsync(Source(connectionString), CancellationToken.None);

    [Fact]
    public async Task Legacy_database_passes_and_the_message_names_the_years_and_the_oms_visits()
    {
        var db = await CreateAsync();

        var check = await CheckAsync(db);

        Assert.True(check.Ok, check.Message);
        Assert.Empty(check.Problems);
        Assert.Contains("визиты за 2021, 2025, 2026 годы", check.Message);
        Assert.Contains("визитов ОМС: 6", check.Message);
    }

    [Fact]
    public async Task Unreachable_server_is_named_with_its_address()
    {
        var port = FreePort();

        var check = await CheckAsync($"Host=127.0.0.1;Port={port};Database=legacy;Username=u;Password=p;Timeout=5");

        Assert.False(check.Ok);
        Assert.StartsWith($"Сервер базы данных 127.0.0.1:{port} недоступен", check.Message);
        await AssertPullFailsAsync($"Host=127.0.0.1;Port={port};Database=legacy;Username=u;Password=p;Timeout=5", check.Message);
    }

    [Fact]
    public async Task Wrong_password_and_missing_database_say_so()
    {
        var db = await CreateAsync();
        var role = $"r_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(db, $"create role {role} login password 'right-password'");
        var builder = new NpgsqlConnectionStringBuilder(db) { Username = role, Password = "wrong-password" };

        var wrongPassword = await CheckAsync(builder.ConnectionString);
        builder.Password = "right-password";
        builder.Database = "no_such_legacy_db";
        var noDatabase = await CheckAsync(builder.ConnectionString);

        Assert.False(wrongPassword.Ok);
        Assert.Contains($"неверный пароль пользователя «{role}»", wrongPassword.Message);
        Assert.False(noDatabase.Ok);
        Assert.Contains("нет базы данных «no_such_legacy_db»", noDatabase.Message);
    }

    [Fact]
    public async Task Database_of_another_schema_is_refused_naming_what_is_missing()
    {
        var empty = await TestPostgres.CreateDatabaseAsync();

        var check = await CheckAsync(empty);

        Assert.False(check.Ok);
        Assert.StartsWith("База «", check.Message);
        Assert.Contains("не похожа на базу исходной системы Omslite", check.Message);
        Assert.Contains("нет таблицы cardz_clin", check.Problems);
        Assert.Contains("нет таблицы doctor", check.Problems);
        Assert.Contains("нет таблиц визитов talonz_clin_ГГ (например, talonz_clin_25)", check.Problems);
        await AssertPullFailsAsync(empty, check.Message);
    }

    [Fact]
    public async Task Missing_columns_and_a_year_without_its_service_table_are_named()
    {
        var db = await CreateAsync();
        await ExecuteAsync(db, "alter table doctor drop column snils; alter table talonz_clin_26 drop column ds2, drop column char1; drop table para_clin_25");

        var check = await CheckAsync(db);

        Assert.False(check.Ok);
        Assert.Equal(
            ["в таблице doctor нет столбца snils", "в таблице talonz_clin_26 нет столбцов ds2, char1", "нет таблицы para_clin_25 (услуги визитов 2025 года)"],
            check.Problems.Order());
    }

    [Fact]
    public async Task Row_level_security_hiding_other_users_rows_is_refused()
    {
        var db = await CreateAsync();
        var role = $"r_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(db, $"""
            create role {role} login password 'pw';
            grant select on all tables in schema public to {role};
            alter table talonz_clin_25 enable row level security;
            create policy own_rows on talonz_clin_25 using (cuser::text = current_setting('request.jwt.claim.user', true));
            """);
        var reader = new NpgsqlConnectionStringBuilder(db) { Username = role, Password = "pw" }.ConnectionString;

        var check = await CheckAsync(reader);

        Assert.False(check.Ok);
        Assert.Equal($"Пользователь «{role}» видит не все строки базы «{new NpgsqlConnectionStringBuilder(db).Database}»", check.Message[..check.Message.IndexOf(':')]);
        Assert.Contains("talonz_clin_25", Assert.Single(check.Problems));
        Assert.Contains("BYPASSRLS", check.Problems[0]);
        await AssertPullFailsAsync(reader, check.Message);
    }

    [Fact]
    public async Task Tables_the_user_may_not_read_are_named()
    {
        var db = await CreateAsync();
        var role = $"r_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(db, $"create role {role} login password 'pw'; grant select on all tables in schema public to {role}; revoke select on doctor from {role}");

        var check = await CheckAsync(new NpgsqlConnectionStringBuilder(db) { Username = role, Password = "pw" }.ConnectionString);

        Assert.False(check.Ok);
        Assert.Equal(["нет права SELECT на таблицу doctor"], check.Problems);
    }

    [Fact]
    public async Task Source_settings_name_the_schema_and_the_region_prefix_of_unknown_mo_short_codes()
    {
        var db = await CreateAsync(schema: "clinic");
        var source = Source(db, ("Schema", "clinic"), ("MoCodePrefix", "251"));

        var check = await new LegacyConnector().CheckAsync(source, CancellationToken.None);
        var cases = (await PullAsync(source)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        Assert.True(check.Ok, check.Message);
        Assert.Equal(7, cases.Count);
        Assert.Equal("251555", cases["26:1"].Referral!.MoCode);
        Assert.Equal("250047", cases["25:2"].Referral!.MoCode);
        Assert.Contains("нет таблицы cardz_clin", (await CheckAsync(db)).Problems);
    }

    private static async Task AssertPullFailsAsync(string connectionString, string message)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => PullAsync(connectionString));
        Assert.Equal(message, ex.Message);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
