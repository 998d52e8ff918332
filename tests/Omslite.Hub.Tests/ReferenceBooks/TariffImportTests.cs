using System.Text;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Tests.ReferenceBooks;

public class TariffImportTests
{
    private static readonly DateOnly Jan2025 = new(2025, 1, 1);

    private const string ThreeTariffs =
        "A06.03.062;Компьютерная томография кости;2230.73\n" +
        "A05.23.009;Магнитно-резонансная томография головного мозга;4100.00\n" +
        "A06.09.005;Компьютерная томография органов грудной полости;2189.5\n";

    public static TheoryData<string, byte[]> Variants => new()
    {
        { "UTF-8, dots, no header", Encoding.UTF8.GetBytes(ThreeTariffs) },
        { "UTF-8 with BOM and CRLF, header", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("code;name;price\r\n" + ThreeTariffs.Replace("\n", "\r\n"))] },
        { "windows-1251, commas, Russian header", SampleFiles.Windows1251.GetBytes("Код;Наименование;Тариф\n" + ThreeTariffs.Replace("2230.73", "2230,73").Replace("4100.00", "4 100,00").Replace("2189.5", "2189,5")) },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task A_tariff_file_becomes_a_version_with_exact_prices_and_new_PMU_get_the_region_defaults(string variant, byte[] bytes)
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var mo = await db.AddMoAsync("250999");
        var path = SampleFiles.WriteBytes("tarifs.csv", bytes);

        var result = await db.Importer().ImportFileAsync(path, new ImportOptions("cli", ValidFrom: Jan2025));

        Assert.Equal(new ImportResult("tarifs.csv", "TARIFFS", 3, 3, Jan2025), result);
        var tariffs = await db.QueryAsync<(string Code, string Name, decimal Price)>(
            "select code, name, price from tariff join tariff_version v on v.id = version_id where v.mo_id = @mo and v.valid_from = '2025-01-01' order by code",
            new { mo });
        Assert.True(tariffs.SequenceEqual([
            ("A05.23.009", "Магнитно-резонансная томография головного мозга", 4100.00m),
            ("A06.03.062", "Компьютерная томография кости", 2230.73m),
            ("A06.09.005", "Компьютерная томография органов грудной полости", 2189.50m),
        ]), variant);
        var pmu = await db.QueryAsync<(string Code, string Name, int Unit, int Spec, bool Amb, bool Ds, bool Stom, DateTime Begin)>(
            "select code, name, code_podr, code_spec, amb, ds, stom, date_beg from pmu where mo_id = @mo order by code", new { mo });
        Assert.Equal(3, pmu.Count);
        Assert.All(pmu, p => Assert.Equal((221, 63, true, false, false, new DateTime(2025, 1, 1)), (p.Unit, p.Spec, p.Amb, p.Ds, p.Stom, p.Begin)));
        Assert.Equal("Компьютерная томография кости", pmu[1].Name);
        var audit = (await db.QueryAsync<(string Actor, int? Mo, string Entity, string NewValue)>(
            "select actor, mo_id, entity, new_value from audit_log")).Single();
        Assert.Equal(("cli", (int?)mo, "tariff_version", "3"), audit);
    }

    [Fact]
    public async Task Codes_are_upper_cased_and_names_cleaned_as_the_spec_says()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.AddMoAsync("250999");
        var path = SampleFiles.Write("t.csv",
            " a06.23.004.006 ;  КТ головного мозга (с контрастом) [\"в/в\"] & 100% {x} 'y' \\z ;4812.16;;\n" +
            "А05.04.001;МРТ сустава; КТ; один;3000\n", Encoding.UTF8);

        await db.Importer().ImportFileAsync(path, new ImportOptions("cli", ValidFrom: Jan2025));

        var rows = await db.QueryAsync<(string Code, string Name, decimal Price)>("select code, name, price from tariff order by code");
        Assert.Equal(("A05.04.001", "МРТ сустава; КТ; один", 3000m), rows[0]);
        Assert.Equal(("A06.23.004.006", "КТ головного мозга с контрастом в/в  100 x y z", 4812.16m), rows[1]);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "A06.03.062;КТ кости;2230.73\nA06.08.007;КТ пазух;2189.50\nB06.03;Неверный;10\n", "Файл bad.csv, строка 3: некорректный код услуги «B06.03»" },
        { "code;name;price\nA06.03.062;КТ кости;2230.73\nA6.08.007;КТ пазух;2189.50\n", "Файл bad.csv, строка 3: некорректный код услуги «A6.08.007»" },
        { "A06.03.062;КТ кости;2230.73\n\nA06.08.007;КТ пазух;1\nA06.03.062;КТ кости снова;10\n", "Файл bad.csv, строка 4: код услуги A06.03.062 повторяется (уже был в строке 1)" },
        { "A06.03.062;КТ кости;2230.735\n", "Файл bad.csv, строка 1: неверная цена «2230.735» у услуги A06.03.062" },
        { "A06.03.062;КТ кости;12,5,0\n", "Файл bad.csv, строка 1: неверная цена «12,5,0»" },
        { "A06.03.062;КТ кости;бесплатно\n", "Файл bad.csv, строка 1: неверная цена «бесплатно»" },
        { "A06.03.062;КТ кости;-10\n", "Файл bad.csv, строка 1: отрицательная цена «-10»" },
        { "A06.03.062;КТ кости;\n", "Файл bad.csv, строка 1: неверная цена «»" },
        { "A06.03.062;();100\n", "Файл bad.csv, строка 1: нет наименования услуги A06.03.062" },
        { "A06.03.062;2230.73\n", "Файл bad.csv, строка 1: ожидается три поля" },
        { "code;name;price\n\n", "Файл bad.csv: в файле нет ни одной строки тарифов" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_line_rejects_the_whole_file_and_changes_nothing(string content, string expected)
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.AddMoAsync("250999");
        await db.Importer().ImportFileAsync(SampleFiles.Write("good.csv", ThreeTariffs, Encoding.UTF8), new ImportOptions("cli", ValidFrom: Jan2025));
        var before = await db.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ImportFileException>(() => db.Importer().ImportFileAsync(
            SampleFiles.Write("bad.csv", content, Encoding.UTF8), new ImportOptions("cli", ValidFrom: Jan2025)));

        Assert.StartsWith(expected, ex.Message);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task The_same_valid_from_replaces_that_version_and_leaves_existing_PMU_as_they_are()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var mo = await db.AddMoAsync("250999");
        var older = new DateOnly(2024, 1, 1);
        await db.Importer().ImportFileAsync(SampleFiles.Write("2024.csv", ThreeTariffs, Encoding.UTF8), new ImportOptions("cli", ValidFrom: older));
        await db.Importer().ImportFileAsync(SampleFiles.Write("2025.csv", ThreeTariffs, Encoding.UTF8), new ImportOptions("cli", ValidFrom: Jan2025));

        var result = await db.Importer().ImportFileAsync(SampleFiles.Write("2025b.csv",
            "A06.03.062;Новое имя не меняет ПМУ;2500\nA06.04.017;Компьютерная томография сустава;2189.50\n", Encoding.UTF8),
            new ImportOptions("cli", ValidFrom: Jan2025));

        Assert.Equal((2, 1), (result.Rows, result.PmuAdded));
        Assert.Equal(2, await db.ScalarAsync<int>("select count(*) from tariff_version where mo_id = @mo", new { mo }));
        var v2025 = await db.QueryAsync<(string Code, decimal Price)>(
            "select code, price from tariff t join tariff_version v on v.id = t.version_id where v.valid_from = '2025-01-01' order by code");
        Assert.Equal([("A06.03.062", 2500m), ("A06.04.017", 2189.50m)], v2025);
        Assert.Equal("2025b.csv", await db.ScalarAsync<string>("select source_file from tariff_version where valid_from = '2025-01-01'"));
        Assert.Equal(3, await db.ScalarAsync<int>("select count(*) from tariff t join tariff_version v on v.id = t.version_id where v.valid_from = '2024-01-01'"));
        Assert.Equal("Компьютерная томография кости", await db.ScalarAsync<string>("select name from pmu where code = 'A06.03.062'"));
        Assert.Equal(new DateTime(2024, 1, 1), await db.ScalarAsync<DateTime>("select date_beg from pmu where code = 'A06.03.062'"));
        Assert.Equal(new DateTime(2025, 1, 1), await db.ScalarAsync<DateTime>("select date_beg from pmu where code = 'A06.04.017'"));
        Assert.Equal(4, await db.ScalarAsync<int>("select count(*) from pmu"));
    }

    [Fact]
    public async Task Valid_from_defaults_to_the_first_of_January_of_the_current_year()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.AddMoAsync("250999");

        var result = await db.Importer(year: 2027).ImportFileAsync(SampleFiles.Write("t.csv", ThreeTariffs, Encoding.UTF8), new ImportOptions("cli"));

        Assert.Equal(new DateOnly(2027, 1, 1), result.ValidFrom);
        Assert.Equal(new DateTime(2027, 1, 1), await db.ScalarAsync<DateTime>("select valid_from from tariff_version"));
    }

    [Fact]
    public async Task The_MO_is_the_one_named_or_the_only_one()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var path = SampleFiles.Write("t.csv", ThreeTariffs, Encoding.UTF8);

        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Importer().ImportFileAsync(path, new ImportOptions("cli")));
        Assert.Contains("нет ни одной МО", none.Message);

        await db.AddMoAsync("250999");
        var other = await db.AddMoAsync("250796");
        var two = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Importer().ImportFileAsync(path, new ImportOptions("cli")));
        Assert.Contains("несколько МО (250796, 250999): укажите --mo", two.Message);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Importer().ImportFileAsync(path, new ImportOptions("cli", "250111")));
        Assert.Contains("МО с кодом 250111 нет", unknown.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => db.Importer().ImportFileAsync(path, new ImportOptions("cli", "2509")));
        Assert.Equal(0, await db.ScalarAsync<int>("select count(*) from tariff_version"));

        await db.Importer().ImportFileAsync(path, new ImportOptions("cli", "250796"));

        Assert.Equal(other, await db.ScalarAsync<int>("select mo_id from tariff_version"));
        Assert.Equal(3, await db.ScalarAsync<int>("select count(*) from pmu where mo_id = @other", new { other }));
    }
}
