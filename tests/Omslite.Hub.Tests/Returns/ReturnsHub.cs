using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Returns;

/// <summary>
/// A hub with the primorye-25 plugin loaded from its build output (as the hub loads published plugins), the MO
/// 250796 set to that format with its books (TFOMS error codes, local MOs and SMOs, a radiologist, tariffs), users of
/// every role, and another MO with its own user.
/// </summary>
public sealed class ReturnsHub : IAsyncLifetime
{
    public const string Mo = "250796";
    public const string OtherMo = "250999";

    private string _plugins = "";

    public TestHub Instance { get; private set; } = null!;

    public int MoId { get; private set; }

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public HttpClient Stranger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _plugins = TempDir.Create("returns-plugins");
        CopyPlugin(Path.Combine(_plugins, "primorye-25"));
        Instance = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:PluginsDir"] = _plugins });
        MoId = await Instance.AddMoAsync(Mo, "Центр КТ и МРТ");
        await Instance.AddMoAsync(OtherMo, "Другая МО");
        await using (var conn = Instance.OpenConnection())
        {
            await conn.ExecuteAsync(
                """
                update mo set region_format = 'primorye-25', settings = '{"ogrn": "1112539013696"}' where code in ('250796', '250999');
                insert into nsi_book (book, name) values ('TFOMS_ERR', 'Ошибки ТФОМС');
                insert into nsi_entry (book, code, name, date_beg) values
                    ('TFOMS_ERR', '519', 'Нет направления', '2019-01-01'), ('TFOMS_ERR', '519', 'Нет направления (новая редакция)', '2024-01-01'),
                    ('TFOMS_ERR', '5', 'Ошибка в ДУЛ', '2019-01-01'), ('TFOMS_ERR', '824', 'Дубль случая', '2019-01-01');
                insert into mo_local (mo_id, short_code, code, short_name, name) values
                    (@mo, '796', '250796', 'Центр', 'ООО Центр КТ и МРТ'), (@mo, '028', '250028', 'ККБ', 'ГБУЗ Краевая клиническая больница'),
                    (@mo, '047', '250047', 'ГП 3', 'КГБУЗ Городская поликлиника 3');
                insert into smo_local (mo_id, code, okato, name) values (@mo, '25011', '05000', 'ВС Альянс'), (@mo, '0', '05000', 'Территориальный ФОМС');
                insert into local_specialty (mo_id, spec, name, prvs, profil) values (@mo, 63, 'Рентгенолог', 60, 78);
                insert into pmu (mo_id, code, name) values (@mo, 'A06.09.005', 'КТ органов грудной полости');
                """, new { mo = MoId });
        }

        await Instance.AddUserAsync("operator", Roles.Operator, Mo);
        await Instance.AddUserAsync("viewer", Roles.Viewer, Mo);
        await Instance.AddUserAsync("stranger", Roles.Admin, OtherMo);
        Operator = await Instance.LoginAsync("operator");
        Viewer = await Instance.LoginAsync("viewer");
        Stranger = await Instance.LoginAsync("stranger");
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        TempDir.TryDelete(_plugins);
    }

    /// <summary>Adds a patient and a visit of the MO and returns the visit id.</summary>
    public async Task<long> AddVisitAsync(int number, int year, int month, int status = 2, bool mek = false, string fam = "ИВАНОВ",
        string? nprMo = null, string smo = "25011", params (string Code, int Quantity, string Date)[] services)
    {
        await using var conn = Instance.OpenConnection();
        var patient = await conn.ExecuteScalarAsync<long>(
            """
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo)
            values (@mo, @card, @fam, 'ИВАН', 'ИВАНОВИЧ', 'м', '1980-05-06', 3, '2512345678901234', @smo) returning id
            """, new { mo = MoId, card = "C" + number, fam, smo });
        var visit = await conn.ExecuteScalarAsync<long>(
            """
            insert into visit (mo_id, number, patient_id, open_date, close_date, report_year, report_month, status, mek, usl_ok, doc_spec, doc_code,
                               visit_pol, ds1, purpose, npr_mo, npr_number)
            values (@mo, @number, @patient, make_date(@year, @month, 3), make_date(@year, @month, 4), @year, @month, @status, @mek, 3, 63, 1,
                    1, 'R91', 4, @nprMo, @nprNumber) returning id
            """, new { mo = MoId, number, patient, year, month, status, mek, nprMo, nprNumber = nprMo is null ? null : "N" + number });
        foreach (var (code, quantity, date) in services)
        {
            await conn.ExecuteAsync(
                "insert into visit_service (visit_id, code, quantity, service_date) values (@visit, @code, @quantity, @date::date)",
                new { visit, code, quantity, date });
        }

        return visit;
    }

    /// <summary>A multipart task request with the file in the field <c>files</c>.</summary>
    public static MultipartFormDataContent Upload(string name, byte[] content, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "files", name);
        foreach (var (field, value) in fields)
        {
            form.Add(new StringContent(value), field);
        }

        return form;
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Cp1251(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251).GetBytes(text);
    }

    /// <summary>A cell's text in a produced workbook (inline string or number), read from the sheet XML.</summary>
    public static string? Cell(byte[] workbook, string reference, string sheetPart = "xl/worksheets/sheet1.xml")
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        var sheet = XDocument.Load(zip.GetEntry(sheetPart)!.Open());
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cell = sheet.Descendants(ns + "c").FirstOrDefault(c => (string?)c.Attribute("r") == reference);
        return cell?.Element(ns + "is")?.Value ?? cell?.Element(ns + "v")?.Value;
    }

    /// <summary>Copies the plugin's build output (same configuration as the tests) into a plugin folder.</summary>
    internal static void CopyPlugin(string target)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDir.Parent!.Name;
        var root = testDir;
        while (!File.Exists(Path.Combine(root.FullName, "Omslite.sln")))
        {
            root = root.Parent!;
        }

        var source = Path.Combine(root.FullName, "plugins", "region-formats", "Primorye25", "bin", configuration, testDir.Name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
