using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>The restore drill of docs/backup.md, with the verbs as an admin types them.</summary>
public class BackupTests : IDisposable
{
    private readonly string _dir = TempDir.Create("backup");

    [Fact]
    public async Task The_restore_drill_on_the_embedded_server_brings_the_data_back()
    {
        var environment = new Dictionary<string, string?> { ["Omslite__DataDir"] = Path.Combine(_dir, "data") };
        var backup = Path.Combine(_dir, "omslite.backup");

        // 1. Data: the first admin.
        await VerbAsync(environment, "alice-password\n", "user", "add", "--login", "alice", "--role", "admin", "--password-stdin");
        // 2. The backup.
        var made = JsonDocument.Parse(await VerbAsync(environment, "", "db", "backup", "--out", backup, "--json")).RootElement;
        // 3. Something changes after it.
        await VerbAsync(environment, "bob-password\n", "user", "add", "--login", "bob", "--role", "viewer", "--password-stdin");
        Assert.Equal(["alice", "bob"], await LoginsAsync(environment));
        // 4. The restore.
        var restored = JsonDocument.Parse(await VerbAsync(environment, "", "db", "restore", backup, "--json")).RootElement;

        Assert.Equal(["alice"], await LoginsAsync(environment));
        Assert.Equal(backup, made.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(backup).Length, made.GetProperty("bytes").GetInt64());
        Assert.Equal("omslite", made.GetProperty("database").GetString());
        Assert.Equal(Omslite.Hub.WorkingDatabase.Migration.All[^1].Version, made.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(made.GetProperty("schemaVersion").GetInt32(), restored.GetProperty("schemaVersion").GetInt32());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }

        Assert.False(File.Exists(backup + ".partial"));
        Assert.False(File.Exists(Path.Combine(_dir, "data", "pg", "postmaster.pid")), "the verbs stop the embedded server they started");
    }

    [Fact]
    public async Task As_root_a_verb_runs_the_embedded_server_as_the_owner_of_the_existing_cluster()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return; // only root starts the server as another user
        }

        var dataDir = Path.Combine(_dir, "service-data");
        // The service created the cluster as its own user ("nobody" stands in for "omslite")...
        await VerbAsync(new Dictionary<string, string?> { ["Omslite__DataDir"] = dataDir, ["Omslite__EmbeddedPostgres__ServerUser"] = "nobody" }, "", "db", "migrate");

        // ...and root backs it up without saying so.
        await VerbAsync(new Dictionary<string, string?> { ["Omslite__DataDir"] = dataDir }, "", "db", "backup", "--out", Path.Combine(_dir, "root.backup"));

        Assert.True(new FileInfo(Path.Combine(_dir, "root.backup")).Length > 0);
    }

    [Fact]
    public async Task A_restore_on_an_external_server_undoes_changes_and_deletions_and_drops_newer_tables()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = database, ["Omslite__DataDir"] = _dir };
        var backup = Path.Combine(_dir, "external.backup");
        await VerbAsync(environment, "", "db", "migrate");
        await using (var conn = new NpgsqlConnection(database))
        {
            await conn.ExecuteAsync(
                """
                insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
                insert into patient (mo_id, card_number, fam, im, sex, birth_date) select id, 'K-1', 'ИВАНОВА', 'АННА', 'ж', '1976-06-19' from mo;
                """);
        }

        await VerbAsync(environment, "", "db", "backup", "--out", backup);
        await using (var conn = new NpgsqlConnection(database))
        {
            await conn.ExecuteAsync(
                """
                update mo set name = 'Переименована';
                delete from patient;
                create table newer_feature (id int);
                """);
        }

        var restored = JsonDocument.Parse(await VerbAsync(environment, "", "db", "restore", backup, "--json")).RootElement;

        await using var check = new NpgsqlConnection(database);
        Assert.Equal("Центр КТ", await check.ExecuteScalarAsync<string>("select name from mo"));
        Assert.Equal("ИВАНОВА", await check.ExecuteScalarAsync<string>("select fam from patient where card_number = 'K-1'"));
        Assert.Null(await check.ExecuteScalarAsync<string?>("select to_regclass('newer_feature')::text"));
        Assert.Equal(["newer_feature"], restored.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_missing_file_a_file_that_is_no_backup_and_an_unreachable_server_fail_in_one_line_and_change_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = database, ["Omslite__DataDir"] = _dir };
        await VerbAsync(environment, "", "db", "migrate");
        var notABackup = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "not a dump");
        var dead = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Working"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3",
            ["Omslite__DataDir"] = _dir,
        };

        var missing = await HubProcess.RunVerbAsync(environment, "db", "restore", Path.Combine(_dir, "nope.backup"));
        var wrong = await HubProcess.RunVerbAsync(environment, "db", "restore", notABackup, "--json");
        var unreachable = await HubProcess.RunVerbAsync(dead, "db", "backup", "--out", Path.Combine(_dir, "x.backup"));
        var noFolder = await HubProcess.RunVerbAsync(environment, "db", "backup", "--out", Path.Combine(_dir, "no", "such", "x.backup"));

        Assert.Equal((1, $"ошибка: файл резервной копии не найден / backup file not found: {Path.Combine(_dir, "nope.backup")}"), (missing.ExitCode, LastLine(missing.Stderr)));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Empty(wrong.Stdout);
        Assert.StartsWith($"ошибка: файл не является резервной копией pg_dump / not a pg_dump archive: {notABackup}", LastLine(wrong.Stderr));
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("ошибка: сервер базы данных недоступен / the database server is unreachable (127.0.0.1:1, database z)", LastLine(unreachable.Stderr));
        Assert.False(File.Exists(Path.Combine(_dir, "x.backup")));
        Assert.StartsWith("ошибка: папка для резервной копии не существует / the backup folder does not exist", LastLine(noFolder.Stderr));
        await using var check = new NpgsqlConnection(database);
        Assert.Equal(Omslite.Hub.WorkingDatabase.Migration.All.Count, await check.ExecuteScalarAsync<int>("select count(*) from schema_migrations"));
    }

    private static async Task<string> VerbAsync(IReadOnlyDictionary<string, string?> environment, string stdin, params string[] args)
    {
        var (exit, stdout, stderr) = await HubProcess.RunVerbWithInputAsync(environment, stdin, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)} failed ({exit}): {stderr}");
        return stdout;
    }

    private static async Task<List<string>> LoginsAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var list = JsonDocument.Parse(await VerbAsync(environment, "", "user", "list", "--json")).RootElement;
        return list.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("login").GetString()!).Order().ToList();
    }

    private static string LastLine(string text) => text.Trim().Split('\n')[^1].Trim();

    public void Dispose() => TempDir.TryDelete(_dir);
}
