using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.ReferenceBooks;

public class NsiCliTests
{
    [Fact]
    public async Task Nsi_import_of_a_book_prints_one_JSON_object_and_creates_no_demo()
    {
        var (environment, connectionString) = await ExternalDatabaseAsync();
        var path = SampleFiles.Write("F002.xml", SampleFiles.Packet("windows-1251", "F002", SampleFiles.F002Records), SampleFiles.Windows1251);

        var (exit, stdout, _) = await HubProcess.RunVerbAsync(environment, "nsi", "import", path, "--json");

        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("F002.xml", result.GetProperty("file").GetString());
        Assert.Equal("F002", result.GetProperty("book").GetString());
        Assert.Equal(3, result.GetProperty("rows").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("pmuAdded").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("validFrom").ValueKind);
        await using var conn = new NpgsqlConnection(connectionString);
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("select count(*) from nsi_entry where book = 'F002'"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from mo"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from nsi_book"));
    }

    [Fact]
    public async Task Nsi_import_of_tariffs_takes_the_MO_and_the_valid_from_date()
    {
        var (environment, connectionString) = await ExternalDatabaseAsync();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.ExecuteAsync("""
                insert into mo (code, short_code, name, region, okato) values
                    ('250999', '999', 'Демо', '25', '05000'), ('250796', '796', 'Другая', '25', '05000')
                """);
        }

        var path = SampleFiles.Write("tarifs.csv", "A06.03.062;Компьютерная томография кости;2230,73\n", SampleFiles.Windows1251);

        var (exit, stdout, _) = await HubProcess.RunVerbAsync(environment, "nsi", "import", path, "--mo", "250796", "--valid-from", "2025-03-01", "--json");
        var plain = await HubProcess.RunVerbAsync(environment, "nsi", "import", path, "--mo", "250796", "--valid-from", "2025-03-01");

        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(("TARIFFS", 1, 1, "2025-03-01"), (result.GetProperty("book").GetString(), result.GetProperty("rows").GetInt32(),
            result.GetProperty("pmuAdded").GetInt32(), result.GetProperty("validFrom").GetString()));
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal("Файл: tarifs.csv. Добавлено ПМУ: 0, Тарифов: 1 (действуют с 01.03.2025)", plain.Stdout.Trim());
        await using var check = new NpgsqlConnection(connectionString);
        Assert.Equal(2230.73m, await check.ExecuteScalarAsync<decimal>(
            "select price from tariff t join tariff_version v on v.id = t.version_id join mo on mo.id = v.mo_id where mo.code = '250796' and v.valid_from = '2025-03-01'"));
    }

    [Theory]
    [InlineData("F002.xml", "<?xml version=\"1.0\"?>\n<packet>\n<zap><nam_smop>Без кода</nam_smop></zap>\n</packet>", new string[0], "ошибка: Файл F002.xml, строка 3: нет кода записи")]
    [InlineData("tarifs.csv", "A06.03.062;КТ;1\n", new[] { "--valid-from", "01.01.2025" }, "ошибка: неверная дата --valid-from «01.01.2025»: ожидается ГГГГ-ММ-ДД")]
    [InlineData("notes.txt", "x", new string[0], "ошибка: Файл notes.txt: неизвестный тип файла")]
    public async Task A_failed_import_prints_one_Russian_error_line_and_exits_1(string name, string content, string[] options, string expected)
    {
        var (environment, connectionString) = await ExternalDatabaseAsync();
        var path = SampleFiles.Write(name, content, Encoding.UTF8);

        var (exit, stdout, stderr) = await HubProcess.RunVerbAsync(environment, ["nsi", "import", path, .. options, "--json"]);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith(expected, stderr.Trim().Split('\n')[^1]);
        await using var conn = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from audit_log"));
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_error()
    {
        var (environment, _) = await ExternalDatabaseAsync();

        var (exit, _, stderr) = await HubProcess.RunVerbAsync(environment, "nsi", "import", "/nonexistent/V002.xml");

        Assert.Equal(1, exit);
        Assert.Equal("ошибка: файл /nonexistent/V002.xml не найден", stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Db_migrate_loads_no_reference_books_and_demo_twice_loads_them_once()
    {
        var (environment, connectionString) = await ExternalDatabaseAsync();
        await using var conn = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from nsi_book"));

        var first = await HubProcess.RunVerbAsync(environment, "demo", "--json");
        const string counts = "select (select count(*) from nsi_entry) || '/' || (select count(*) from tariff) || '/' || (select count(*) from doctor) || '/' || (select count(*) from audit_log)";
        var afterFirst = await conn.ExecuteScalarAsync<string>(counts);
        var second = await HubProcess.RunVerbAsync(environment, "demo", "--json");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(18, await conn.ExecuteScalarAsync<int>("select count(*) from nsi_book"));
        Assert.Equal(afterFirst, await conn.ExecuteScalarAsync<string>(counts));
    }

    private static async Task<(Dictionary<string, string?> Environment, string ConnectionString)> ExternalDatabaseAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        // The CLI migrates first; the MO rows of a test go in after that.
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = connectionString };
        var (exit, _, stderr) = await HubProcess.RunVerbAsync(environment, "db", "migrate");
        Assert.True(exit == 0, stderr);
        return (environment, connectionString);
    }
}
