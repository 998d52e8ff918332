using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Demo;
using Omslite.Hub.ReferenceBooks;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Tests.ReferenceBooks;

public class DemoReferenceSetTests
{
    private static readonly string[] Books =
        ["F002", "F003", "F008", "F011", "MKB10", "O002", "TFOMS_ERR", "UFMS", "V002", "V006", "V008", "V009", "V010", "V012", "V014", "V021", "V025", "V027"];

    private static readonly string[] Tables =
    [
        "nsi_book", "nsi_entry", "local_specialty", "profile_service", "doctor", "local_lookup", "mo_local", "smo_local",
        "card_number_template", "pmu", "pmu_group", "pmu_group_member", "tariff_version", "tariff", "audit_log",
    ];

    [Fact]
    public async Task The_demo_loads_every_reference_book_of_region_25_through_the_importers()
    {
        await using var db = await ReferenceDatabase.CreateAsync();

        await Seeder(db).EnsureAsync();

        Assert.Equal(Books, await db.QueryAsync<string>("select book from nsi_book order by book"));
        Assert.All(await db.QueryAsync<string>("select actor from audit_log"), actor => Assert.Equal("system", actor));
        var lookup = new NsiLookup(db.Source);
        var visitDate = new DateOnly(2026, 1, 12);
        foreach (var (book, code) in new[]
                 {
                     ("V002", "78"), ("V002", "97"), ("V002", "160"), ("V006", "2"), ("V006", "3"), ("V008", "11"), ("V008", "12"),
                     ("V008", "13"), ("V009", "314"), ("V010", "28"), ("V010", "29"), ("V010", "30"), ("V010", "33"),
                     ("V012", "304"), ("V014", "2"), ("V014", "3"), ("V021", "60"), ("V025", "2.1"), ("V027", "1"),
                     ("F008", "3"), ("O002", "05000"), ("UFMS", "250001"), ("MKB10", "Z01.6"), ("MKB10", "Z01.8"),
                     ("MKB10", "Z03.1"), ("MKB10", "R91"), ("MKB10", "K87.1"), ("MKB10", "S52.5"), ("TFOMS_ERR", "824"),
                 })
        {
            Assert.True(await lookup.FindAsync(book, code, visitDate) is not null, $"{book} {code}");
        }

        Assert.Equal("ВС Альянс", (await lookup.FindAsync("F002", "25011", visitDate))!.Attributes["shortName"]);
        Assert.Equal("05000", (await lookup.FindAsync("F002", "25016", visitDate))!.Attributes["okato"]);
        Assert.Equal(DemoSeeder.MoName, (await lookup.FindAsync("F003", DemoSeeder.MoCode, visitDate))!.Attributes["shortName"]);
        Assert.Equal("Приморский край", (await lookup.FindAsync("O002", "05000", visitDate))!.Name);
        var passport = (await lookup.FindAsync("F011", "14", visitDate))!;
        Assert.Equal(("99 99", "999999"), (passport.Attributes["serialTpl"], passport.Attributes["numberTpl"]));
        Assert.True(await db.ScalarAsync<int>("select count(*) from nsi_entry where book = 'F003' and attrs->>'okato' = '05000'") >= 12);
    }

    [Fact]
    public async Task The_demo_MO_gets_its_local_books_tariffs_and_groups()
    {
        await using var db = await ReferenceDatabase.CreateAsync();

        await Seeder(db).EnsureAsync();

        var mo = await db.ScalarAsync<int>("select id from mo where code = '250999'");
        Assert.Equal((60, 78), (await db.QueryAsync<(int, int)>("select prvs, profil from local_specialty where mo_id = @mo and spec = 63", new { mo })).Single());
        Assert.Equal((76, 97), (await db.QueryAsync<(int, int)>("select prvs, profil from local_specialty where mo_id = @mo and spec = 76", new { mo })).Single());
        Assert.Equal(("B01.039.001", "B01.023.002", 221),
            (await db.QueryAsync<(string, string, int)>("select one_visit, two_visit, podr from profile_service where mo_id = @mo and profil = 78", new { mo })).Single());
        var snils = await db.QueryAsync<string>("select snils from doctor where mo_id = @mo and spec = 63", new { mo });
        Assert.True(snils.Count >= 2);
        Assert.All(await db.QueryAsync<string>("select snils from doctor where mo_id = @mo", new { mo }), s => Assert.True(IsValidSnils(s), s));
        foreach (var (book, code, name) in new[]
                 {
                     ("ist_fin", 1, "ОМС"), ("purpose", 4, "Профосмотры"), ("char_main", 1, "острое"), ("cishod", 4, "без перемен"),
                     ("cresult", 14, "динамическое наблюдение"), ("sp_para", 221, "Кабинет компьютерной томографии"),
                 })
        {
            Assert.Equal(name, await db.ScalarAsync<string>("select name from local_lookup where mo_id = @mo and book = @book and code = @code", new { mo, book, code }));
        }

        Assert.True(await db.ScalarAsync<int>("select count(*) from local_lookup where mo_id = @mo and book = 'travma_type'", new { mo }) >= 3);
        var shortCodes = await db.QueryAsync<string>("select short_code from mo_local where mo_id = @mo order by short_code", new { mo });
        Assert.Contains("999", shortCodes);
        Assert.Contains("028", shortCodes);
        Assert.Contains("101", shortCodes); // 250101–250106 refer the demo MIS's patients: their visits must be editable
        Assert.Contains("106", shortCodes);
        Assert.DoesNotContain("150", shortCodes); // closed in F003
        Assert.DoesNotContain("001", shortCodes); // 270001 is in another region
        Assert.Equal("250028", await db.ScalarAsync<string>("select code from mo_local where mo_id = @mo and short_code = '028'", new { mo }));
        Assert.Equal([("0", "Территориальный ФОМС"), ("25011", "ВС Альянс"), ("25016", "СВ Прим")],
            await db.QueryAsync<(string, string)>("select code, name from smo_local where mo_id = @mo order by code", new { mo }));
        Assert.Equal("^[0-9]{1,6}$", await db.ScalarAsync<string>("select pattern from card_number_template where mo_id = @mo and name = 'Карты амбулаторные' and active", new { mo }));

        Assert.Equal(2230.73m, await new TariffLookup(db.Source).PriceAsync(mo, "A06.03.062", new DateOnly(2026, 1, 12)));
        var codes = await db.QueryAsync<string>("select code from tariff join tariff_version v on v.id = version_id where v.mo_id = @mo", new { mo });
        Assert.True(codes.Count(c => c.StartsWith("A06.")) >= 5 && codes.Count(c => c.StartsWith("A05.")) >= 5);
        Assert.Equal(0, await db.ScalarAsync<int>("select count(*) from pmu where mo_id = @mo and ccode is null", new { mo }));
        Assert.Equal(281, await db.ScalarAsync<int>("select code_podr from pmu where mo_id = @mo and code = 'A05.23.009'", new { mo }));
        Assert.Equal(221, await db.ScalarAsync<int>("select code_podr from pmu where mo_id = @mo and code = 'A06.09.005'", new { mo }));
        var groups = await db.QueryAsync<(string Name, string Code)>(
            "select g.name, m.code from pmu_group g join pmu_group_member m on m.group_id = g.id where g.mo_id = @mo", new { mo });
        Assert.All(groups.Where(g => g.Name == "Компьютерная томография"), g => Assert.StartsWith("A06.", g.Code));
        Assert.All(groups.Where(g => g.Name == "Магнитно-резонансная томография"), g => Assert.StartsWith("A05.", g.Code));
        Assert.Equal(codes.Count, groups.Count);
    }

    [Fact]
    public async Task Running_the_demo_again_adds_and_changes_nothing()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await Seeder(db).EnsureAsync();
        var first = await CountsAsync(db);
        var snapshot = await db.SnapshotAsync();

        await Seeder(db).EnsureAsync();

        Assert.Equal(first, await CountsAsync(db));
        Assert.Equal(snapshot, await db.SnapshotAsync());
        Assert.All(first, c => Assert.True(c.Rows > 0, c.Table));
    }

    [Fact]
    public async Task A_book_the_user_imported_is_not_replaced_by_the_demo_one()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.Importer().ImportFileAsync(SampleFiles.Write("V021.xml", SampleFiles.Packet("utf-8", "V021",
            "<zap><IDSPEC>60</IDSPEC><SPECNAME>Рентгенология (файл пользователя)</SPECNAME></zap>"), Encoding.UTF8), new ImportOptions("cli"));

        await Seeder(db).EnsureAsync();

        Assert.Equal(["Рентгенология (файл пользователя)"], await db.QueryAsync<string>("select name from nsi_entry where book = 'V021'"));
        Assert.Equal("V021.xml", await db.ScalarAsync<string>("select source_file from nsi_book where book = 'V021'"));
        Assert.Equal(1, await db.ScalarAsync<int>("select count(*) from audit_log where entity_id = 'V021'"));
    }

    private static DemoSeeder Seeder(ReferenceDatabase db) => new(db.Source, NullLogger<DemoSeeder>.Instance);

    private static async Task<List<(string Table, long Rows)>> CountsAsync(ReferenceDatabase db)
    {
        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            counts.Add((table, await db.ScalarAsync<long>($"select count(*) from {table}")));
        }

        return counts;
    }

    private static bool IsValidSnils(string snils)
    {
        if (snils.Length != 11 || !snils.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = Enumerable.Range(0, 9).Sum(i => (snils[i] - '0') * (9 - i));
        var check = sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101 % 100;
        return check == int.Parse(snils[9..]);
    }
}
