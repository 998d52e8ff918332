using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.Returns;

/// <summary><c>flk import</c>, <c>invoice import</c>, <c>mek list|export|transfer</c> as separate processes.</summary>
public class ReturnsCliTests : IAsyncLifetime
{
    private readonly string _dataDir = TempDir.Create("returns-cli");
    private Dictionary<string, string?> _environment = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        var plugins = Path.Combine(_dataDir, "plugins");
        ReturnsHub.CopyPlugin(Path.Combine(plugins, "primorye-25"));
        _environment = new()
        {
            ["ConnectionStrings__Working"] = _connectionString, ["Omslite__DataDir"] = _dataDir, ["Omslite__PluginsDir"] = plugins,
        };
        await using var database = NpgsqlDataSource.Create(_connectionString);
        await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).MigrateAsync(default);
        await using var conn = await database.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into mo (code, short_code, name, region, okato, region_format) values ('250796', '796', 'Центр', '25', '05000', 'primorye-25');
            insert into patient (mo_id, card_number, fam) select id, '1', 'ИВАНОВ' from mo;
            insert into visit (mo_id, number, patient_id, open_date, close_date, report_year, report_month, status, mek)
            select p.mo_id, n, p.id, '2022-02-01', '2022-02-02', 2022, 2, 2, false from patient p, (values (7001), (7002)) v(n);
            """);
    }

    public Task DisposeAsync()
    {
        TempDir.TryDelete(_dataDir);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_verbs_import_list_and_refuse_with_one_line_errors()
    {
        var flk = Path.Combine(_dataDir, "FHT25M250796_22027961.xml");
        await File.WriteAllTextAsync(flk,
            "<FLK_P><ZAP><SL><IDCASE>7001</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP><ZAP><SL><IDCASE>7999</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP></FLK_P>");
        var invoice = Path.Combine(_dataDir, "HM250796S25011_220279611.zip");
        await File.WriteAllBytesAsync(invoice, ReturnsHub.Zip(
            ("HM1.xml", "<ZL_LIST><ZAP><PACIENT><ID_PAC>1</ID_PAC></PACIENT><Z_SL><SL><NHISTORY>7002</NHISTORY></SL><SUMV>5</SUMV><SUMP>0</SUMP></Z_SL></ZAP></ZL_LIST>"u8.ToArray()),
            ("LM1.xml", "<PERS_LIST/>"u8.ToArray())));
        var output = Path.Combine(_dataDir, "out");

        var flkRun = await HubProcess.RunVerbAsync(_environment, "flk", "import", flk, "--json");
        var invoiceRun = await HubProcess.RunVerbAsync(_environment, "invoice", "import", invoice, "--out", output, "--json");
        var list = await HubProcess.RunVerbAsync(_environment, "mek", "list", "--month", "2022-02", "--json");
        var backwards = await HubProcess.RunVerbAsync(_environment, "mek", "transfer", "--month", "2022-02", "--to", "2022-01");

        Assert.Equal(0, flkRun.ExitCode);
        var flkJson = JsonDocument.Parse(flkRun.Stdout).RootElement;
        Assert.Equal((2, 1, 1, 2, 1), (flkJson.GetProperty("records").GetInt32(), flkJson.GetProperty("matched").GetInt32(),
            flkJson.GetProperty("unmatched").GetInt32(), flkJson.GetProperty("errors").GetInt32(), flkJson.GetProperty("reopened").GetInt32()));
        Assert.Equal(0, invoiceRun.ExitCode);
        var invoiceJson = JsonDocument.Parse(invoiceRun.Stdout).RootElement;
        Assert.Equal((1, 1), (invoiceJson.GetProperty("records").GetInt32(), invoiceJson.GetProperty("mek").GetInt32()));
        var register = invoiceJson.GetProperty("files")[0].GetString()!;
        Assert.StartsWith(output, register);
        Assert.Matches(@"reestr_amb_25011_02_2022_[A-Za-z0-9]{5}\.xlsx$", register);
        Assert.True(File.Exists(register));
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(list.Stdout).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, backwards.ExitCode);
        Assert.Equal("ошибка: Переносить МЭК можно только на текущий год", backwards.Stderr.Trim().Split('\n')[^1]);
        await using var conn = new NpgsqlConnection(_connectionString);
        Assert.Equal(["7001:1:False", "7002:1:True"], await conn.QueryAsync<string>("select number || ':' || status || ':' || initcap(mek::text) from visit order by number"));
    }
}
