using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Returns;

/// <summary>FLK protocol import through the API (workflows.md §2, D3, D4).</summary>
public class FlkApiTests(ReturnsHub hub) : IClassFixture<ReturnsHub>
{
    private static string Protocol(params (int IdCase, string Code, string? Comment)[] errors) =>
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<FLK_P><FNAME>FHT25M250796_25047961</FNAME>"
        + string.Concat(errors.GroupBy(e => e.IdCase).Select(g =>
            $"<ZAP><N_ZAP>1</N_ZAP><SL><IDCASE>{g.Key}</IDCASE>"
            + string.Concat(g.Select(e => $"<OTKAZ><I_TYPE>{e.Code}</I_TYPE><COMMENT>{e.Comment}</COMMENT></OTKAZ>")) + "</SL></ZAP>"))
        + "</FLK_P>";

    private Task<HttpResponseMessage> ImportAsync(HttpClient client, string name, byte[] content) =>
        client.PostAsync("/api/flk/import", ReturnsHub.Upload(name, content, ("ptype", "1")));

    private async Task<(int Batches, int Errors, string Visits)> SnapshotAsync()
    {
        await using var conn = hub.Instance.OpenConnection();
        return (await conn.ExecuteScalarAsync<int>("select count(*) from flk_batch"), await conn.ExecuteScalarAsync<int>("select count(*) from flk_error"),
            await conn.ExecuteScalarAsync<string>("select coalesce(string_agg(number || ':' || status || ':' || version, ',' order by number), '') from visit") ?? "");
    }

    [Fact]
    public async Task Matched_visits_are_reopened_and_audited_errors_keep_the_book_description_and_the_comment_and_unknown_numbers_are_listed()
    {
        var sent = await hub.AddVisitAsync(501, 2025, 4, status: 2, fam: "ПЕТРОВ");
        var open = await hub.AddVisitAsync(502, 2025, 4, status: 1);
        var other = await hub.AddVisitAsync(503, 2025, 4, status: 2);
        var xml = Protocol((501, "824", "дубль"), (501, "519", "Нет направления; см. \"п. 5\""), (502, "5", null), (502, "824", null), (999501, "5", "нет талона"),
            (503, "824", null));

        var response = await ImportAsync(hub.Operator, "FHT25M250796_25047961.xml", ReturnsHub.Cp1251(xml));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Matches(@"^Файл ошибок: FHT25M250796_25047961\.xml Записей считано 3 Время: \d+\.\d{1,2} cek\.$", body.GetProperty("message").GetString());
        var result = body.GetProperty("result");
        Assert.Equal((4, 3, 2, 1, 3, 1), (result.GetProperty("read").GetInt32(), result.GetProperty("records").GetInt32(), result.GetProperty("matched").GetInt32(),
            result.GetProperty("unmatched").GetInt32(), result.GetProperty("errors").GetInt32(), result.GetProperty("reopened").GetInt32()));
        Assert.Equal([999501], result.GetProperty("unknown").EnumerateArray().Select(e => e.GetInt32()));

        await using var conn = hub.Instance.OpenConnection();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select status from visit where id = @sent", new { sent }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select status from visit where id = @open", new { open }));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select status from visit where id = @other", new { other }));
        Assert.Single(await hub.Operator.HistoryAsync(sent), line => line == "flk-reopen operator status 2→1");
        Assert.DoesNotContain(await hub.Operator.HistoryAsync(open), line => line.StartsWith("flk-reopen"));

        var rows = await hub.Operator.GetAsync("/api/flk/errors");
        var page = await rows.JsonAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [
                ("501", "ПЕТРОВ", "519", "Нет направления", "Нет направления; см. \"п. 5\""),
                ("502", "ИВАНОВ", "5", "Ошибка в ДУЛ", ""),
                ("999501", "Талон не найден", "5", "Ошибка в ДУЛ", "нет талона"),
            ],
            items.Select(i => (i.GetProperty("visitNumber").GetInt32().ToString(), i.GetProperty("fam").GetString(), i.GetProperty("code").GetString(),
                i.GetProperty("description").GetString(), i.GetProperty("comment").GetString() ?? "")));
        Assert.Equal(sent, items[0].GetProperty("visitId").GetInt64());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("visitId").ValueKind);
        Assert.Equal("C501", items[0].GetProperty("cardNumber").GetString());
    }

    [Fact]
    public async Task Every_import_is_a_batch_kept_the_newest_is_shown_and_the_csv_follows_d4()
    {
        await hub.AddVisitAsync(511, 2025, 5, status: 2, fam: "ТОЛСТОЙ");
        await ImportAsync(hub.Operator, "FHT25M250796_25057961.xml", ReturnsHub.Cp1251(Protocol((511, "5", "первый"))));
        var second = await (await ImportAsync(hub.Operator, "FHT25M250796_25057962.xml",
            ReturnsHub.Cp1251(Protocol((511, "519", "a;b \"c\""), (511, "5", "строка\nдве"))))).JsonAsync();
        var secondBatch = second.GetProperty("result").GetProperty("batch").GetInt64();

        var batches = (await (await hub.Viewer.GetAsync("/api/flk/batches")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.True(batches.Count >= 2);
        Assert.Equal(secondBatch, batches[0].GetProperty("id").GetInt64());
        Assert.Equal("FHT25M250796_25057961.xml", batches[1].GetProperty("fileName").GetString());
        var older = await (await hub.Viewer.GetAsync($"/api/flk/errors?batch={batches[1].GetProperty("id").GetInt64()}")).JsonAsync();
        Assert.Equal("первый", older.GetProperty("items")[0].GetProperty("comment").GetString());

        var export = await (await hub.Viewer.GetAsync("/api/flk/export")).JsonAsync();
        Assert.True(export.GetProperty("done").GetBoolean());
        Assert.StartsWith("Последние ошибки Время:", export.GetProperty("message").GetString());
        var file = export.GetProperty("file").GetString()!;
        Assert.Matches(@"^ERR_\d{4}-\d{2}-\d{2}_[A-Za-z0-9]{5}\.csv$", file);

        var download = await hub.Viewer.GetAsync($"/api/files/{file}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "tal_num;crd_num;fam;open_date;close_date;error;cmt;comment\r\n"
            + "511;C511;ТОЛСТОЙ;2025-05-03;2025-05-04;519;Нет направления;\"a;b \"\"c\"\"\"\r\n"
            + "511;C511;ТОЛСТОЙ;2025-05-03;2025-05-04;5;Ошибка в ДУЛ;\"строка\nдве\"\r\n",
            Encoding.UTF8.GetString(bytes[3..]));

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Stranger.GetAsync($"/api/files/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Viewer.GetAsync("/api/files/..%2F..%2Fpg.password")).StatusCode);
        var strangers = await (await hub.Stranger.GetAsync("/api/flk/export")).JsonAsync();
        Assert.False(strangers.GetProperty("done").GetBoolean());
        Assert.StartsWith("Нет принятых ошибок", strangers.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_ignore_list_is_the_mos_setting()
    {
        await hub.AddVisitAsync(521, 2025, 6, status: 1);
        await using var conn = hub.Instance.OpenConnection();
        await conn.ExecuteAsync("update mo set settings = settings || '{\"flkIgnoreCodes\": \"5\"}' where id = @id", new { id = hub.MoId });
        try
        {
            var body = await (await ImportAsync(hub.Operator, "FHT25M250796_25067961.xml", ReturnsHub.Cp1251(Protocol((521, "824", "дубль"), (521, "5", null))))).JsonAsync();

            var batch = body.GetProperty("result").GetProperty("batch").GetInt64();
            Assert.Equal(["824"], await conn.QueryAsync<string>("select code from flk_error where batch_id = @batch", new { batch }));
        }
        finally
        {
            await conn.ExecuteAsync("update mo set settings = settings - 'flkIgnoreCodes' where id = @id", new { id = hub.MoId });
        }
    }

    public static TheoryData<string, byte[], string> HostileProtocols => new()
    {
        { "FHT25M250796_25047961.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE FLK_P [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><FLK_P><ZAP><SL><IDCASE>501</IDCASE><OTKAZ><I_TYPE>&x;</I_TYPE></OTKAZ></SL></ZAP></FLK_P>"), "DTD и внешние сущности в файле запрещены" },
        { "FHT25M250796_25047961.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><FLK_P>&c;</FLK_P>"), "DTD" },
        { "FHT25M250796_25047961.xml", Encoding.UTF8.GetBytes("<FLK_P>\n<ZAP><SL><IDCASE>501</IDCASE><OTKAZ>\n</SL></ZAP>"), "строка 3" },
        { "protocol.xml", Encoding.UTF8.GetBytes("<FLK_P/>"), "Имя файла протокола не соответствует шаблону: protocol.xml" },
        { "FHT25M250796_25047961.zip", [0x50, 0x4b], "Допустимое расширение имени файла .xml" },
        { "FHT25M250999_25047961.xml", Encoding.UTF8.GetBytes("<FLK_P/>"), "другой МО: 250999 (текущая МО 250796)" },
        { "FHT25M250796_25137961.xml", Encoding.UTF8.GetBytes("<FLK_P/>"), "Неверный месяц 13" },
    };

    [Theory]
    [MemberData(nameof(HostileProtocols))]
    public async Task A_bad_or_hostile_protocol_is_refused_in_russian_and_changes_nothing(string name, byte[] content, string expected)
    {
        var before = await SnapshotAsync();

        var response = await ImportAsync(hub.Operator, name, content);

        await response.AssertRefusedTaskAsync(expected);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_protocol_found_broken_after_its_first_cases_were_copied_changes_nothing_and_the_next_import_works()
    {
        var sent = await hub.AddVisitAsync(531, 2025, 7, status: 2);
        var good = Protocol((531, "5", "первый"));
        // Thousands of records before the bad one: the hub has copied them into the database while the file was still
        // being read (SDK 1.3 streaming), so the failure has something to roll back.
        var broken = good[..^"</FLK_P>".Length]
                     + string.Concat(Enumerable.Range(0, 5000).Select(n => $"<ZAP><SL><IDCASE>{990000 + n}</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP>"))
                     + "<ZAP><SL><IDCASE>abc</IDCASE><OTKAZ><I_TYPE>5</I_TYPE></OTKAZ></SL></ZAP></FLK_P>";
        var before = await SnapshotAsync();

        var response = await ImportAsync(hub.Operator, "FHT25M250796_25077961.xml", ReturnsHub.Cp1251(broken));

        await response.AssertRefusedTaskAsync("IDCASE «abc» не является номером талона");
        Assert.Equal(before, await SnapshotAsync());
        var retried = await ImportAsync(hub.Operator, "FHT25M250796_25077961.xml", ReturnsHub.Cp1251(good));
        Assert.True(retried.StatusCode == HttpStatusCode.OK, await retried.Content.ReadAsStringAsync());
        await using var conn = hub.Instance.OpenConnection();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select status from visit where id = @sent", new { sent }));
    }

    [Fact]
    public async Task A_viewer_may_not_import()
    {
        var response = await ImportAsync(hub.Viewer, "FHT25M250796_25047961.xml", Encoding.UTF8.GetBytes("<FLK_P/>"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
