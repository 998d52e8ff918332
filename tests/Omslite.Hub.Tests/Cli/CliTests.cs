using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Cli;

public class CliTests
{
    private static readonly string[] Verbs =
        ["run", "serve", "demo", "db", "test", "sync", "pack", "signing-key", "flk", "invoice", "mek", "nsi", "user", "bench", "publish"];

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var (exit, stdout, _) = await HubProcess.RunVerbAsync(new Dictionary<string, string?>(), "--help");

        Assert.Equal(0, exit);
        foreach (var verb in Verbs)
        {
            Assert.Matches($@"(?m)^\s+{verb}\s", stdout);
        }
    }

    [Fact]
    public async Task Db_migrate_on_an_external_server_prints_one_json_object_and_is_repeatable()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = connectionString };

        var first = await HubProcess.RunVerbAsync(environment, "db", "migrate", "--json");
        var second = await HubProcess.RunVerbAsync(environment, "db", "migrate", "--json");

        Assert.Equal(0, first.ExitCode);
        var applied = JsonDocument.Parse(first.Stdout).RootElement;
        Assert.Equal("0001_mo", applied.GetProperty("applied")[0].GetString());
        Assert.Equal(0, second.ExitCode);
        var again = JsonDocument.Parse(second.Stdout).RootElement;
        Assert.Equal(0, again.GetProperty("applied").GetArrayLength());
        Assert.Equal(applied.GetProperty("schemaVersion").GetInt32(), again.GetProperty("schemaVersion").GetInt32());
        await using var conn = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from mo"));
    }

    [Fact]
    public async Task A_dead_database_gives_a_one_line_error_and_a_non_zero_exit()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Working"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3",
        };

        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(environment, "db", "migrate", "--json");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        // Log lines may precede it on stderr; the error is the last line.
        Assert.StartsWith("ошибка: ", stderr.Trim().Split('\n')[^1]);
        Assert.Single(stderr.Trim().Split('\n'), l => l.StartsWith("ошибка", StringComparison.Ordinal));
    }
}
