using System.IO.Compression;
using System.Net;
using System.Text;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Security;

/// <summary>Hostile files sent through <c>POST /api/nsi/import</c>: each is refused with a message and changes nothing.</summary>
public class HostileUploadTests(HostileUploadTests.Hub fixture) : IClassFixture<HostileUploadTests.Hub>
{
    public sealed class Hub : IAsyncLifetime
    {
        public TestHub Instance { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Instance = await TestHub.StartAsync();
            await Instance.AddMoAsync("250796");
            await Instance.AddUserAsync("admin", Roles.Admin, "250796");
            await Instance.AddUserAsync("operator", Roles.Operator, "250796");
            Admin = await Instance.LoginAsync("admin");
        }

        public async Task DisposeAsync() => await Instance.DisposeAsync();
    }

    private const string GoodV006 = """
        <?xml version="1.0" encoding="utf-8"?>
        <packet><zglv><type>V006</type></zglv>
        <zap><IDUMP>3</IDUMP><UMPNAME>Амбулаторно</UMPNAME><DATEBEG>01.01.2011</DATEBEG></zap>
        </packet>
        """;

    [Fact]
    public async Task A_good_book_is_imported_and_answers_with_the_task_envelope()
    {
        var response = await UploadAsync("V006.xml", Encoding.UTF8.GetBytes(GoodV006));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Matches(@"^Файл: V006\.xml\. Справочник V006: записей 1 Время: \d+\.\d{1,2} cek\.$", body.GetProperty("message").GetString());
    }

    public static TheoryData<string, byte[], string> HostileFiles => new()
    {
        { "V002.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE packet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><packet><zap><IDPR>1</IDPR><PRNAME>&x;</PRNAME></zap></packet>"), "DTD" },
        { "V002.xml", Encoding.UTF8.GetBytes(BillionLaughs), "DTD" },
        { "V002.xml", Encoding.UTF8.GetBytes("<packet><zap><IDPR>1</IDPR><PRNAME>не закрыт"), "строка" },
        { "V002.zip", Zip(("../../etc/V002.xml", GoodV006)), "путь в архиве" },
        { "V002.zip", Zip(("/abs/V002.xml", GoodV006)), "путь в архиве" },
        { "V002.zip", Zip(Enumerable.Range(0, 40).Select(i => ($"f{i}.xml", GoodV006)).ToArray()), "32" },
        { "V002.zip", Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a zip"), "zip" },
        { "tariffs.csv", Encoding.UTF8.GetBytes("A06.09.005;КТ;2230.73\nA06.09.005;КТ снова;100\n"), "строка 2" },
        { "tariffs.csv", Encoding.UTF8.GetBytes("A06.09.005;КТ\n"), "строка 1" },
        { "tariffs.csv", Encoding.UTF8.GetBytes("A06.09.005;КТ;дорого\n"), "строка 1" },
        { "tariffs.csv", Encoding.UTF8.GetBytes("'; drop table tariff; --;x;1\n"), "строка 1" },
        { "tariffs.exe", [0x4d, 0x5a], "" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_hostile_file_is_refused_with_a_message_and_changes_nothing(string name, byte[] content, string expected)
    {
        var before = await SnapshotAsync();

        var response = await UploadAsync(name, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Contains(expected, body.GetProperty("message").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_zip_bomb_is_stopped_at_the_expanded_size_limit()
    {
        var before = await SnapshotAsync();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("V002.xml", CompressionLevel.SmallestSize).Open();
            var header = Encoding.UTF8.GetBytes("<packet><zap><IDPR>1</IDPR><PRNAME>");
            await entry.WriteAsync(header);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 300; i++)
            {
                await entry.WriteAsync(spaces);
            }
        }

        var response = await UploadAsync("V002.zip", buffer.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("МБ", (await response.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_upload_over_50_MiB_is_refused()
    {
        // As a browser does for a large body: the server may refuse before the body is sent.
        fixture.Admin.DefaultRequestHeaders.ExpectContinue = true;
        var response = await UploadAsync("tariffs.csv", new byte[51 * 1024 * 1024]);
        fixture.Admin.DefaultRequestHeaders.ExpectContinue = false;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_may_import()
    {
        var operatorClient = await fixture.Instance.LoginAsync("operator");
        using var form = Form("V006.xml", Encoding.UTF8.GetBytes(GoodV006));

        var response = await operatorClient.PostAsync("/api/nsi/import", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <packet><zap><IDPR>1</IDPR><PRNAME>&lol3;</PRNAME></zap></packet>
        """;

    private async Task<HttpResponseMessage> UploadAsync(string name, byte[] content)
    {
        using var form = Form(name, content);
        return await fixture.Admin.PostAsync("/api/nsi/import", form);
    }

    private static MultipartFormDataContent Form(string name, byte[] content) =>
        new() { { new ByteArrayContent(content), "file", name } };

    private async Task<(long, long, long, long)> SnapshotAsync()
    {
        await using var conn = fixture.Instance.OpenConnection();
        return await conn.QuerySingleAsync<(long, long, long, long)>(
            "select (select count(*) from nsi_entry), (select count(*) from tariff), (select count(*) from tariff_version), (select count(*) from pmu)");
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
