using Omslite.Sdk.Connectors;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>The books the cases depend on, as the original database has them.</summary>
public sealed class LegacyReferenceBookTests
{
    private static Task<SourceReferenceBooks> ReadAsync(string db) =>
        new LegacyConnector().ReadReferenceBooksAsync(Source(db), CancellationToken.None);

    [Fact]
    public async Task Specialties_doctors_mos_smos_and_appointment_services_come_from_the_local_books()
    {
        var db = await CreateAsync();

        var books = await ReadAsync(db);

        Assert.Equal(
            [new SourceSpecialty(27, "Терапевт", 76, 97), new SourceSpecialty(63, "Рентгенолог", 60, 78), new SourceSpecialty(70, "Эндоскопист", 48, 123)],
            books.Specialties);
        // Doctor 13 is deleted (ddel = 1); SNILS as 11 digits.
        Assert.Equal(
            [new SourceDoctor(27, 21, "Сидоров Олег Петрович", "15678901234"), new SourceDoctor(63, 11, "Иванов Иван Иванович", "12217415917"),
             new SourceDoctor(63, 12, "Петрова Анна Сергеевна", "15678901234")],
            books.Doctors);
        Assert.Equal(["047", "100", "112", "228", "999"], books.LocalMos.Select(m => m.ShortCode));
        Assert.Equal(new SourceLocalMo("047", "250047", "Надеждинская ЦРБ", "КГБУЗ «Надеждинская центральная районная больница»"), books.LocalMos[0]);
        Assert.Equal("250100", books.LocalMos.Single(m => m.ShortCode == "112").Code);
        Assert.Equal(
            [new SourceSmo("0", "05000", "Территориальный ФОМС"), new SourceSmo("25011", "05000", "ВС Альянс"), new SourceSmo("25016", "05000", "СВ Прим")],
            books.Smos);
        // Profile 123 has no appointment services.
        Assert.Equal(
            [new SourceProfileService(78, "B01.039.001", "B01.039.002"), new SourceProfileService(97, "B01.047.001", "B01.047.002")],
            books.ProfileServices);
        Assert.Equal(new SourcePmu("A05.23.009", 201, "Магнитно-резонансная томография головного мозга", 282, 63), books.Pmu[0]);
        Assert.Equal(["A05.23.009", "A06.03.021.001", "A06.09.005"], books.Pmu.Select(p => p.Code));
    }

    [Fact]
    public async Task Tariffs_are_the_current_table_from_1_january_and_each_archive_from_1_january_of_its_year()
    {
        var db = await CreateAsync();
        var year = (await ScalarAsync<DateTime>(db, "select current_date::timestamp")).Year;

        var tariffs = (await ReadAsync(db)).Tariffs;

        Assert.Equal([new DateOnly(year - 1, 1, 1), new DateOnly(year, 1, 1)], tariffs.Select(t => t.ValidFrom));
        // The archive: the later of two rows of a code wins, a row without a price is left out.
        Assert.Equal(
            [new SourceTariff("A05.23.009", "МРТ головного мозга", 4500.5m), new SourceTariff("A06.09.005", "КТ органов грудной полости", 2050.25m)],
            tariffs[0].Prices);
        // The prices are stored as real: back to exact kopecks.
        Assert.Equal(
            [("A05.23.009", 4812.16m), ("A06.03.021.001", 12345.67m), ("A06.09.005", 2189.5m)],
            tariffs[1].Prices.Select(p => (p.Code, p.Price)));
    }

    [Fact]
    public async Task An_archive_of_this_year_keeps_1_january_and_the_current_table_starts_on_its_import_day()
    {
        var db = await CreateAsync();
        var year = (await ScalarAsync<DateTime>(db, "select current_date::timestamp")).Year;
        await ExecuteAsync(db, $"""
            create table tarifs_pmu_vzaimoras_{year % 100:00} (like tarifs_pmu_vzaimoras);
            insert into tarifs_pmu_vzaimoras_{year % 100:00} (id, code, tarif, name) values (1, 'A06.09.005', 2100, 'КТ органов грудной полости');
            update tarifs_pmu_vzaimoras set updated = make_date({year}, 1, 2) where code = 'A06.09.005';
            """);

        var tariffs = (await ReadAsync(db)).Tariffs;

        Assert.Equal([new DateOnly(year - 1, 1, 1), new DateOnly(year, 1, 1), new DateOnly(year, 1, 10)], tariffs.Select(t => t.ValidFrom));
        Assert.Equal(2100m, Assert.Single(tariffs[1].Prices).Price);
        Assert.Equal(3, tariffs[2].Prices.Count);
    }
}
