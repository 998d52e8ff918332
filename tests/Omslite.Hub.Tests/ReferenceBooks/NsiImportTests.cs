using System.Text;
using System.Text.Json;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Tests.ReferenceBooks;

public class NsiImportTests
{
    private static readonly ImportOptions Cli = new("cli");

    [Fact]
    public async Task F002_in_windows_1251_is_loaded_with_its_date_ranges_attributes_header_and_audit()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var path = SampleFiles.Write("F002.xml", SampleFiles.Packet("windows-1251", "F002", SampleFiles.F002Records, "2.3"), SampleFiles.Windows1251);

        var result = await db.Importer().ImportFileAsync(path, Cli);

        Assert.Equal(new ImportResult("F002.xml", "F002", 3, null, null), result);
        var rows = await db.QueryAsync<(string Code, string Name, DateTime Begin, DateTime? End, string Attrs)>(
            "select code, name, date_beg, date_end, attrs::text from nsi_entry where book = 'F002' order by code, date_beg");
        Assert.Equal(3, rows.Count);
        Assert.Equal(("25011", "ООО СМО \"Восточно-страховой альянс\"", new DateTime(2011, 1, 1), (DateTime?)null), (rows[0].Code, rows[0].Name, rows[0].Begin, rows[0].End));
        var attrs = JsonDocument.Parse(rows[0].Attrs).RootElement;
        Assert.Equal("05000", attrs.GetProperty("okato").GetString());
        Assert.Equal("ВС Альянс", attrs.GetProperty("shortName").GetString());
        Assert.Equal("1022501302955", attrs.GetProperty("ogrn").GetString());
        Assert.Equal((new DateTime(2011, 1, 1), (DateTime?)new DateTime(2018, 12, 31)), (rows[1].Begin, rows[1].End));
        Assert.Equal((new DateTime(2019, 1, 1), (DateTime?)null), (rows[2].Begin, rows[2].End));
        Assert.Equal(("F002.xml", "2.3"), (await db.QueryAsync<(string, string)>(
            "select source_file, version from nsi_book where book = 'F002'")).Single());
        var audit = (await db.QueryAsync<(string Actor, string Entity, string EntityId, string Operation, string NewValue)>(
            "select actor, entity, entity_id, operation, new_value from audit_log")).Single();
        Assert.Equal(("cli", "nsi_book", "F002", "import", "3"), audit);
    }

    [Fact]
    public async Task Zipped_F003_in_UTF8_accepts_lower_and_upper_case_field_names()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var xml = Encoding.UTF8.GetBytes(SampleFiles.Packet("UTF-8", "F003", SampleFiles.F003Records));
        var path = SampleFiles.Zip("F003_2025.zip", ("F003.xml", xml));

        var result = await db.Importer().ImportFileAsync(path, Cli);

        Assert.Equal(("F003", 3), (result.Book, result.Rows));
        Assert.Equal("F003_2025.zip", result.File);
        var upper = (await db.QueryAsync<(string Name, string ShortName, string Okato)>(
            "select name, attrs->>'shortName', attrs->>'okato' from nsi_entry where book = 'F003' and code = '250028'")).Single();
        Assert.Equal(("КГБУЗ «Владивостокская поликлиника № 3»", "ВП № 3", "05000"), upper);
        Assert.Equal(new DateTime(2023, 12, 31), await db.ScalarAsync<DateTime>("select date_end from nsi_entry where code = '250796'"));
    }

    [Fact]
    public async Task V021_without_header_or_telling_file_name_is_recognised_by_its_fields()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var path = SampleFiles.Write("specialties.xml", SampleFiles.Packet("utf-8", null, SampleFiles.V021Records), Encoding.UTF8);

        var result = await db.Importer().ImportFileAsync(path, Cli);

        Assert.Equal(("V021", 2), (result.Book, result.Rows));
        Assert.Equal("врач-рентгенолог", await db.ScalarAsync<string>("select attrs->>'postName' from nsi_entry where book = 'V021' and code = '60'"));
        Assert.Null(await db.ScalarAsync<string?>("select version from nsi_book where book = 'V021'"));
    }

    [Fact]
    public async Task Zipped_MKB10_in_windows_1251_keeps_the_oms_flags()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var xml = SampleFiles.Windows1251.GetBytes(SampleFiles.Packet("windows-1251", "M001", SampleFiles.MkbRecords));
        var path = SampleFiles.Zip("mkb.zip", ("data/", null), ("readme.txt", "x"u8.ToArray()), ("data/M001.xml", xml));

        var result = await db.Importer().ImportFileAsync(path, Cli);

        Assert.Equal(("MKB10", 3), (result.Book, result.Rows));
        var r91 = (await db.QueryAsync<(string Name, string Oms, string OmsDs)>(
            "select name, attrs->>'oms', attrs->>'omsDs' from nsi_entry where book = 'MKB10' and code = 'R91'")).Single();
        Assert.Equal(("Отклонения от нормы, выявленные при получении диагностического изображения в ходе исследования легких", "1", "1"), r91);
        Assert.Equal("{}", await db.ScalarAsync<string>("select attrs::text from nsi_entry where book = 'MKB10' and code = 'S52.5'"));
    }

    [Fact]
    public async Task F008_and_F011_are_told_apart_by_their_fields()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var f008 = SampleFiles.Write("a.xml", SampleFiles.Packet("utf-8", null,
            "<zap><IDDOC>3</IDDOC><DOCNAME>Полис ОМС единого образца</DOCNAME><DATEBEG>01.01.2011</DATEBEG><DATEEND/></zap>"), Encoding.UTF8);
        var f011 = SampleFiles.Write("b.xml", SampleFiles.Packet("utf-8", null,
            "<zap><IDDoc>14</IDDoc><DocName>Паспорт гражданина Российской Федерации</DocName><DocSer>99 99</DocSer><DocNum>0999999</DocNum><DATEBEG>01.01.2011</DATEBEG></zap>"), Encoding.UTF8);

        Assert.Equal("F008", (await db.Importer().ImportFileAsync(f008, Cli)).Book);
        Assert.Equal("F011", (await db.Importer().ImportFileAsync(f011, Cli)).Book);

        Assert.Equal(("99 99", "0999999"), (await db.QueryAsync<(string, string)>(
            "select attrs->>'serialTpl', attrs->>'numberTpl' from nsi_entry where book = 'F011' and code = '14'")).Single());
    }

    [Fact]
    public async Task Re_import_replaces_the_whole_book_and_leaves_other_books_alone()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.Importer().ImportFileAsync(SampleFiles.Write("F003.xml", SampleFiles.Packet("utf-8", "F003", SampleFiles.F003Records), Encoding.UTF8), Cli);
        await db.Importer().ImportFileAsync(SampleFiles.Write("V021.xml", SampleFiles.Packet("utf-8", "V021", SampleFiles.V021Records), Encoding.UTF8), Cli);
        var newer = SampleFiles.Write("F003.xml", SampleFiles.Packet("utf-8", "F003",
            "<zap><tf_okato>05000</tf_okato><mcod>250100</mcod><nam_mop>ГБУЗ «Краевая клиническая больница № 1»</nam_mop><d_begin>01.01.2011</d_begin></zap>"), Encoding.UTF8);

        var result = await db.Importer().ImportFileAsync(newer, Cli);

        Assert.Equal(1, result.Rows);
        Assert.Equal(["250100"], await db.QueryAsync<string>("select code from nsi_entry where book = 'F003'"));
        Assert.Equal(2, await db.ScalarAsync<int>("select count(*) from nsi_entry where book = 'V021'"));
        Assert.Equal(("3", "1"), (await db.QueryAsync<(string, string)>(
            "select old_value, new_value from audit_log where entity_id = 'F003' order by id desc limit 1")).Single());
    }

    [Fact]
    public async Task TFOMS_error_codes_join_the_names_of_a_repeated_code()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var path = SampleFiles.Write("TFOMS_ERR.xml", SampleFiles.Packet("utf-8", null,
            """
            <zap><NUM>824</NUM><NAME>Повторное предоставление случая (дубль)</NAME></zap>
            <zap><NUM>519</NUM><NAME>Первое описание</NAME></zap>
            <zap><NUM>519</NUM><NAME>Второе описание</NAME></zap>
            """), Encoding.UTF8);

        var result = await db.Importer().ImportFileAsync(path, Cli);

        Assert.Equal(("TFOMS_ERR", 2), (result.Book, result.Rows));
        Assert.Equal("Первое описание; Второе описание", await db.ScalarAsync<string>("select name from nsi_entry where book = 'TFOMS_ERR' and code = '519'"));
        Assert.Equal(new DateTime(1900, 1, 1), await db.ScalarAsync<DateTime>("select date_beg from nsi_entry where code = '824'"));
    }

    public static TheoryData<string, Func<string>, string> BrokenFiles => new()
    {
        {
            "unclosed element", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod><nam_smop>Новая</nam_smop>",
                "<zap><smocod>25016</smocod><nam_smop>Другая</nam_smop></zap>",
                "</packet>"), Encoding.UTF8),
            "Файл F002.xml, строка 5: "
        },
        {
            "record without a code", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"windows-1251\"?>",
                "<packet>",
                "<zglv><type>F002</type></zglv>",
                "<zap><smocod>25011</smocod><nam_smop>Новая</nam_smop></zap>",
                "<zap>",
                "  <smocod> </smocod>",
                "  <nam_smop>Без кода</nam_smop>",
                "</zap>",
                "</packet>"), SampleFiles.Windows1251),
            "Файл F002.xml, строка 5: нет кода записи"
        },
        {
            "bad date", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod><nam_smop>Новая</nam_smop>",
                "<d_begin>31.02.2020</d_begin></zap>",
                "</packet>"), Encoding.UTF8),
            "Файл F002.xml, строка 4: неверная дата «31.02.2020»"
        },
        {
            "end before begin", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod><nam_smop>Новая</nam_smop><d_begin>01.01.2020</d_begin>",
                "<d_end>01.01.2019</d_end></zap>",
                "</packet>"), Encoding.UTF8),
            "Файл F002.xml, строка 4: дата окончания 01.01.2019 раньше даты начала 01.01.2020"
        },
        {
            "repeated code", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod><nam_smop>Новая</nam_smop></zap>",
                "<zap><smocod>25011</smocod><nam_smop>Снова</nam_smop></zap>",
                "</packet>"), Encoding.UTF8),
            "Файл F002.xml, строка 4: код «25011» с датой начала 01.01.1900 уже был в файле"
        },
        {
            "external entity", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<!DOCTYPE packet [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>",
                "<packet><zap><smocod>25011</smocod><nam_smop>&xxe;</nam_smop></zap></packet>"), Encoding.UTF8),
            "Файл F002.xml, строка 2: DTD и внешние сущности в файле запрещены"
        },
        {
            "external entity inside a zip", () => SampleFiles.Zip("F002.zip", ("F002.xml", Encoding.UTF8.GetBytes(Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<!DOCTYPE packet [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>",
                "<packet><zap><smocod>25011</smocod><nam_smop>&xxe;</nam_smop></zap></packet>")))),
            "Файл F002.zip (F002.xml): DTD и внешние сущности в файле запрещены"
        },
        {
            "windows-1251 bytes declared as UTF-8", () => SampleFiles.Write("F002.xml", Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod><nam_smop>Кириллица</nam_smop></zap>",
                "</packet>"), SampleFiles.Windows1251),
            "Файл F002.xml, строка 3: символы не соответствуют кодировке файла"
        },
        {
            "no records", () => SampleFiles.Write("F002.xml", SampleFiles.Packet("utf-8", "F002", ""), Encoding.UTF8),
            "Файл F002.xml: нет ни одной записи справочника F002"
        },
        {
            "unknown book", () => SampleFiles.Write("data.xml", SampleFiles.Packet("utf-8", null, "<zap><A>1</A><B>2</B></zap>"), Encoding.UTF8),
            "Файл data.xml: не удалось определить справочник"
        },
        {
            "zip entry escaping with ../", () => SampleFiles.Zip("F002.zip",
                ("../F002.xml", Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records)))),
            "Файл F002.zip: недопустимый путь в архиве «../F002.xml»"
        },
        {
            "zip with an absolute path", () => SampleFiles.Zip("F002.zip",
                ("/tmp/F002.xml", Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records)))),
            "Файл F002.zip: недопустимый путь в архиве «/tmp/F002.xml»"
        },
        {
            "zip with too many entries", () => SampleFiles.Zip("F002.zip", Enumerable.Range(0, 40)
                .Select(i => ($"F002_{i}.txt", (byte[]?)"x"u8.ToArray()))
                .Append(("F002.xml", Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records))))
                .ToArray()),
            "Файл F002.zip: в архиве 41 файлов, допускается не больше 32"
        },
        {
            "zip with two XML files", () => SampleFiles.Zip("F002.zip",
                ("a/F002.xml", Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records))),
                ("b/F002.xml", Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records)))),
            "Файл F002.zip: в архиве несколько XML-файлов"
        },
        {
            "not a zip", () => SampleFiles.WriteBytes("F002.zip", "PK not really"u8.ToArray()),
            "Файл F002.zip: файл не является zip-архивом или повреждён"
        },
        {
            "broken XML inside a zip", () => SampleFiles.Zip("F002.zip", ("F002.xml", Encoding.UTF8.GetBytes(Lines(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<packet>",
                "<zap><smocod>25011</smocod></zip>",
                "</packet>")))),
            "Файл F002.zip (F002.xml), строка 3: неверный XML"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_file_changes_nothing_and_says_where_and_what(string why, Func<string> write, string expected)
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.Importer().ImportFileAsync(
            SampleFiles.Write("F002.xml", SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records), Encoding.UTF8), Cli);
        var before = await db.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ImportFileException>(() => db.Importer().ImportFileAsync(write(), Cli));

        Assert.True(ex.Message.StartsWith(expected, StringComparison.Ordinal), $"{why}: {ex.Message}");
        Assert.Equal(before, await db.SnapshotAsync());
        Assert.Equal(3, await db.ScalarAsync<int>("select count(*) from nsi_entry where book = 'F002'"));
    }

    [Fact]
    public async Task Tariff_options_are_refused_for_an_NSI_book()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var path = SampleFiles.Write("V021.xml", SampleFiles.Packet("utf-8", "V021", SampleFiles.V021Records), Encoding.UTF8);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => db.Importer().ImportFileAsync(path, new ImportOptions("cli", "250999")));

        Assert.Contains("--mo и --valid-from относятся только к файлу тарифов", ex.Message);
        Assert.Equal(0, await db.ScalarAsync<int>("select count(*) from nsi_entry"));
    }

    [Fact]
    public void A_zip_entry_that_expands_beyond_the_limit_is_stopped_while_reading()
    {
        var xml = Encoding.UTF8.GetBytes(SampleFiles.Packet("utf-8", "F003", string.Concat(Enumerable.Repeat(SampleFiles.F003Records, 5000))));
        using var zip = File.OpenRead(SampleFiles.Zip("F003.zip", ("F003.xml", xml)));
        using var archive = NsiArchive.Open(zip, "F003.zip", maxExpandedBytes: 1024 * 1024);

        var ex = Assert.Throws<ImportFileException>(() => archive.Content.CopyTo(Stream.Null));

        Assert.True(xml.Length > 2 * 1024 * 1024);
        Assert.Equal("Файл F003.zip: файл F003.xml в архиве после распаковки больше 1 МБ", ex.Message);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines);
}
