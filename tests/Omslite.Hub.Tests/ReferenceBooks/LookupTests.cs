using System.Text;
using Omslite.Hub.ReferenceBooks;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Tests.ReferenceBooks;

public class LookupTests
{
    [Fact]
    public async Task An_NSI_code_is_found_as_it_was_on_the_date()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.Importer().ImportFileAsync(
            SampleFiles.Write("F002.xml", SampleFiles.Packet("utf-8", "F002", SampleFiles.F002Records), Encoding.UTF8), new ImportOptions("cli"));
        var lookup = new NsiLookup(db.Source);

        var before = await lookup.FindAsync("F002", "25016", new DateOnly(2010, 12, 31));
        var old = await lookup.FindAsync("F002", "25016", new DateOnly(2018, 12, 31));
        var current = await lookup.FindAsync("F002", "25016", new DateOnly(2019, 1, 1));
        var alliance = await lookup.FindAsync("F002", "25011", new DateOnly(2026, 1, 12));

        Assert.Null(before);
        Assert.Equal(("ООО «СВ Прим»", new DateOnly(2011, 1, 1), (DateOnly?)new DateOnly(2018, 12, 31)), (old!.Name, old.Begin, old.End));
        Assert.Equal(("ООО «СВ Прим» (после реорганизации)", new DateOnly(2019, 1, 1), (DateOnly?)null), (current!.Name, current.Begin, current.End));
        Assert.Equal("05000", alliance!.Attributes["okato"]);
        Assert.Equal("ВС Альянс", alliance.Attributes["shortName"]);
        Assert.Null(await lookup.FindAsync("F002", "99999", new DateOnly(2026, 1, 12)));
        Assert.Null(await lookup.FindAsync("F003", "25011", new DateOnly(2026, 1, 12)));
    }

    [Fact]
    public async Task A_closed_entry_is_not_found_after_its_end()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        await db.Importer().ImportFileAsync(
            SampleFiles.Write("F003.xml", SampleFiles.Packet("utf-8", "F003", SampleFiles.F003Records), Encoding.UTF8), new ImportOptions("cli"));
        var lookup = new NsiLookup(db.Source);

        Assert.NotNull(await lookup.FindAsync("F003", "250796", new DateOnly(2023, 12, 31)));
        Assert.Null(await lookup.FindAsync("F003", "250796", new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public async Task The_tariff_on_a_date_comes_from_the_newest_version_in_effect()
    {
        await using var db = await ReferenceDatabase.CreateAsync();
        var mo = await db.AddMoAsync("250999");
        var other = await db.AddMoAsync("250796");
        await db.Importer().ImportFileAsync(SampleFiles.Write("2024.csv",
            "A06.03.062;КТ кости;2000.10\nA06.09.005;КТ грудной полости;2100\n", Encoding.UTF8), new ImportOptions("cli", "250999", new DateOnly(2024, 1, 1)));
        await db.Importer().ImportFileAsync(SampleFiles.Write("2025.csv",
            "A06.03.062;КТ кости;2230.73\n", Encoding.UTF8), new ImportOptions("cli", "250999", new DateOnly(2025, 1, 1)));
        await db.Importer().ImportFileAsync(SampleFiles.Write("other.csv",
            "A06.09.005;КТ грудной полости;9999\n", Encoding.UTF8), new ImportOptions("cli", "250796", new DateOnly(2020, 1, 1)));
        var tariffs = new TariffLookup(db.Source);

        Assert.Null(await tariffs.PriceAsync(mo, "A06.03.062", new DateOnly(2023, 12, 31)));
        Assert.Equal(2000.10m, await tariffs.PriceAsync(mo, "A06.03.062", new DateOnly(2024, 1, 1)));
        Assert.Equal(2000.10m, await tariffs.PriceAsync(mo, "A06.03.062", new DateOnly(2024, 12, 31)));
        Assert.Equal(2230.73m, await tariffs.PriceAsync(mo, "A06.03.062", new DateOnly(2025, 1, 1)));
        Assert.Equal(2100m, await tariffs.PriceAsync(mo, "A06.09.005", new DateOnly(2024, 6, 1)));
        // The 2025 file lists all tariffs and lacks A06.09.005: from 2025 it has none, although 2024 had one.
        Assert.Null(await tariffs.PriceAsync(mo, "A06.09.005", new DateOnly(2025, 6, 1)));
        Assert.Equal(9999m, await tariffs.PriceAsync(other, "A06.09.005", new DateOnly(2025, 6, 1)));
    }
}
