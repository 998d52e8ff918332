using System.Globalization;
using System.IO.Compression;
using Omslite.RegionFormats.Primorye25.Registers;
using Omslite.RegionFormats.Primorye25.Registers.Xlsx;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>The XLSX registers: every cell at the spec's address (workflows.md §3.5, §4), exact totals, names.</summary>
public class RegisterTests
{
    private static readonly ReportPeriod February = new(2022, 2);
    private readonly Primorye25Returns _format = new();

    private static readonly InvoiceCase[] Cases =
    [
        new() { NHistory = 1002, Fam = "ИВАНОВА", Im = "анна", Ot = "СЕРГЕЕВНА", W = 2, Dr = new DateOnly(1976, 6, 19), Enp = "2512345678901234",
            Vidpom = 11, Ds1 = "R91", DateZ1 = new DateOnly(2022, 2, 1), DateZ2 = new DateOnly(2022, 2, 3), Profil = 78, Prvs = 60,
            Sumv = 2230.73m, Sump = 2230.73m, Rslt = 314 },
        new() { NHistory = 1001, Fam = "ПЕТРОВ", Im = "пётр", W = 1, Dr = new DateOnly(1950, 1, 31), PolicySeries = "АБ", PolicyNumber = "123456",
            Vidpom = 13, Ds1 = "K87.1", DateZ1 = new DateOnly(2022, 2, 4), DateZ2 = new DateOnly(2022, 2, 4), Profil = 78, Prvs = 60,
            Sumv = 1500.10m, Sump = 0m, Rslt = 314 },
        new() { NHistory = 1003, Sumv = 0.10m, Sump = 0.10m },
        new() { NHistory = 1004, Sumv = 0.20m, Sump = 0.20m },
        new() { NHistory = 1005, Sumv = 10m, Sump = null },
    ];

    private (RegisterFile File, Workbook Book) Write(RegisterRequest request)
    {
        using var output = new MemoryStream();
        var file = _format.WriteRegister(request, output);
        return (file, new Workbook(output.ToArray()));
    }

    private static InvoiceRegisterRequest Invoice(string payer, string? templates = null) => new()
    {
        Mo = Support.Mo(), Period = February, Payer = payer, PayerName = payer == "0" ? null : "ВС Альянс", MoShortName = "Центр",
        MoOgrn = "1112539013696", Cases = Cases, TemplateDirectory = templates,
    };

    [Fact]
    public void The_smo_register_fills_every_cell_of_the_layout_in_visit_number_order_with_an_exact_total()
    {
        var (file, book) = Write(Invoice("25011"));
        using var _ = book;

        Assert.Matches(@"^reestr_amb_25011_02_2022_[A-Za-z0-9]{5}\.xlsx$", file.FileName);
        Assert.Equal(5, file.Rows);
        Assert.Equal("За Февраль 2022 года", book.Value("Лист1", "J1"));
        Assert.Equal("Центр ОГРН 1112539013696", book.Value("Лист1", "E2"));
        Assert.Equal("ВС Альянс", book.Value("Лист1", "E7"));
        var row13 = Cells(book, 13, "ABCDEFGHIJKLMNOPQRST");
        Assert.Equal(
            ["1001", "ПЕТРОВ П. .", "1", Serial(1950, 1, 31), null, "МЭК", null, null, null, "АБ 123456", "13", "K87.1",
                "2022-02-04~2022-02-04", "1", "78", "60", "1500.10", "0.00", "314", null],
            row13);
        Assert.Equal(S(["1002", "ИВАНОВА А. С.", "2"]), Cells(book, 14, "ABC"));
        Assert.Equal(" 2512345678901234", book.Value("Лист1", "J14"));
        Assert.Null(book.Value("Лист1", "F14"));
        Assert.Equal(S(["МЭК", "0.00"]), Cells(book, 17, "FR"));
        Assert.Equal(" . .", book.Value("Лист1", "B15"));
        Assert.All("ABCDEFGHIJKLMNOPQRST", c => Assert.True(book.Bordered("Лист1", $"{c}13"), $"{c}13 bordered"));
        Assert.Equal("### ### ##0.00", book.NumberFormat("Лист1", "R13"));
        Assert.Equal("dd.mm.yyyy", book.NumberFormat("Лист1", "D13"));
        // Two empty rows after the data, then the total of column R: 2230.73 + 0.10 + 0.20, exactly.
        Assert.Null(book.Value("Лист1", "S18"));
        Assert.Equal(S(["ИТОГО:", "2231.03"]), Cells(book, 20, "ST"));
        Assert.Equal("# ### ##0.00", book.NumberFormat("Лист1", "T20"));
        Assert.Equal("Ф.И.О.", book.Value("Лист1", "B11"));
        Assert.Empty(book.Errors());
    }

    [Fact]
    public void Text_with_markup_characters_and_control_characters_prints_as_it_reads()
    {
        var odd = new InvoiceCase
        {
            NHistory = 2001, Fam = "О'НИЛ & <СЫН>", Im = "ИВАН", PolicySeries = "\"А\"", PolicyNumber = "1\u0001\r\n2", Ds1 = "R91]]>",
            Sumv = 1m, Sump = 1m,
        };
        var (_, book) = Write(Invoice("25011") with { Cases = [odd] });
        using var _ = book;

        Assert.Equal("О'НИЛ & <СЫН> И. .", book.Value("Лист1", "B13"));
        Assert.Equal("\"А\" 1\r\n2", book.Value("Лист1", "J13"));
        Assert.Equal("R91]]>", book.Value("Лист1", "L13"));
        Assert.Empty(book.Errors());
    }

    [Fact]
    public void Unknown_names_print_as_the_original_did()
    {
        var (_, book) = Write(Invoice("25011") with { PayerName = null, MoShortName = null, MoOgrn = null });
        using var _ = book;

        Assert.Equal("UNKNOWN MO NAME ОГРН ", book.Value("Лист1", "E2"));
        Assert.Equal("UNKNOWN SMO NAME", book.Value("Лист1", "E7"));
    }

    [Fact]
    public void The_fund_register_numbers_its_rows_from_17_and_has_no_total()
    {
        var (file, book) = Write(Invoice("0"));
        using var _ = book;

        Assert.Matches(@"^reestr_foms_0_02_2022_[A-Za-z0-9]{5}\.xlsx$", file.FileName);
        Assert.Equal("За Февраль 2022 года", book.Value("Лист1", "C4"));
        Assert.Equal(
            S(["1", "1001", "ПЕТРОВ П. .", "1", Serial(1950, 1, 31), null, null, null, "АБ 123456", "13", "K87.1", "2022-02-04", "2022-02-04",
                "1", "78", "60", "1500.10", "0.00", "314", null]),
            Cells(book, 17, "ABCDEFGHIJKLMNOPQRST"));
        Assert.Equal(S(["2", "1002", " 2512345678901234", "2022-02-01", "2022-02-03"]), Cells(book, 18, "ABILM"));
        Assert.Equal(S(["5", "1005"]), Cells(book, 21, "AB"));
        Assert.All(Enumerable.Range(22, 6), row => Assert.Null(book.Value("Лист1", $"S{row}")));
        Assert.Empty(book.Errors());
    }

    [Fact]
    public void The_tariff_register_lists_services_in_code_order_with_sum_formulas()
    {
        var (file, book) = Write(new TariffRegisterRequest
        {
            Mo = Support.Mo(), Period = February, Payer = "25011", PayerName = "ВС Альянс",
            Rows = [new TariffRow("A06.09.005", "КТ органов грудной полости", 2230.73m, 3), new TariffRow("A05.23.009", null, 0.10m, 7)],
        });
        using var _ = book;

        Assert.Matches(@"^tarifs_25011_02_2022_[A-Za-z0-9]{5}\.xlsx$", file.FileName);
        Assert.Equal(2, file.Rows);
        Assert.Equal("За Февраль 2022 года    ВС Альянс", book.Value("Лист1", "B15"));
        Assert.Equal(S(["A05.23.009", null, "0.10", "7", "0.70"]), Cells(book, 21, "ABCDE"));
        Assert.Equal(S(["A06.09.005", "КТ органов грудной полости", "2230.73", "3", "6692.19"]), Cells(book, 22, "ABCDE"));
        Assert.Equal(S(["ИТОГО", null, null, "10", "6692.89"]), Cells(book, 23, "ABCDE"));
        Assert.Equal(("SUM(D21:D22)", "SUM(E21:E22)"), (book.Formula("Лист1", "D23"), book.Formula("Лист1", "E23")));
        Assert.All("ABCDE", c => Assert.True(book.Bordered("Лист1", $"{c}23")));
        Assert.Empty(book.Errors());
    }

    [Fact]
    public void The_referral_registers_are_one_workbook_per_mo_in_a_zip_with_a_sheet_per_study_group()
    {
        using var output = new MemoryStream();
        var file = _format.WriteRegister(new ReferralRegistersRequest
        {
            Mo = Support.Mo(), Period = new ReportPeriod(2022, 3),
            Mos =
            [
                new ReferringMoRows("028", "ГБУЗ Краевая больница", [
                    Row(7, "A06.09.005", 2230.73m), Row(8, "A05.23.009", 4812.16m), Row(9, "A06.03.062", null), Row(9, "B01.039.001", 10m)]),
                new ReferringMoRows("047", null, [Row(10, "A05.23.009", 1m)]),
            ],
        }, output);

        Assert.Matches(@"^Mar-[A-Za-z0-9]{5}\.zip$", file.FileName);
        Assert.Equal(4, file.Rows);
        using var zip = new ZipArchive(new MemoryStream(output.ToArray()));
        Assert.Equal(2, zip.Entries.Count);
        Assert.Matches(@"^reestr_mo028__03_2022_[A-Za-z0-9]{5}\.xlsx$", zip.Entries[0].FullName);
        Assert.Matches(@"^reestr_mo047__03_2022_[A-Za-z0-9]{5}\.xlsx$", zip.Entries[1].FullName);
        using var book = new Workbook(Bytes(zip.Entries[0]));
        Assert.Equal(["МРТ", "КТ"], book.SheetNames);
        Assert.Equal(("За Март 2022 года", "ГБУЗ Краевая больница"), (book.Value("КТ", "B2"), book.Value("КТ", "E3")));
        Assert.Equal(S(["7", "ИВАНОВ И. И.", "м", Serial(1980, 5, 6), "2512345678901234", "N-7", "R91", "2022-03-01~2022-03-02", "A06.09.005", "2230.73"]),
            Cells(book, 9, "ABCDEFGHIJ", "КТ"));
        Assert.Equal(S(["9", "A06.03.062", null]), Cells(book, 10, "AIJ", "КТ"));
        Assert.Equal(S(["ИТОГО:", "2230.73"]), Cells(book, 13, "IJ", "КТ"));
        Assert.Equal(S(["8", "A05.23.009", "4812.16"]), Cells(book, 9, "AIJ", "МРТ"));
        Assert.Equal(S(["ИТОГО:", "4812.16"]), Cells(book, 12, "IJ", "МРТ"));
        Assert.Empty(book.Errors());
        using var second = new Workbook(Bytes(zip.Entries[1]));
        Assert.Equal("МО не найдена", second.Value("МРТ", "E3"));
    }

    [Fact]
    public void The_month_summary_totals_each_referring_mo_per_group()
    {
        var (file, book) = Write(new MonthSummaryRequest
        {
            Mo = Support.Mo(), Period = February,
            Rows =
            [
                new MonthSummaryRow("250047", "ГП 3", "A06.09.005", 2, 4461.46m), new MonthSummaryRow("250028", "ККБ", "A06.03.062", 1, 0.01m),
                new MonthSummaryRow("250047", "ГП 3", "A06.03.062", 1, 2230.73m), new MonthSummaryRow("250028", "ККБ", "A05.23.009", 3, 0.02m),
            ],
        });
        using var _ = book;

        Assert.Matches(@"^by_month__02_2022_[A-Za-z0-9]{5}\.xlsx$", file.FileName);
        Assert.Equal(3, file.Rows);
        Assert.Equal(("За Февраль 2022 года", "КТ"), (book.Value("КТ", "B1"), book.Value("КТ", "C1")));
        Assert.Equal(S(["250028", "ККБ", "1", "0.01"]), Cells(book, 6, "ABCD", "КТ"));
        Assert.Equal(S(["250047", "ГП 3", "3", "6692.19"]), Cells(book, 7, "ABCD", "КТ"));
        Assert.Equal(S(["ИТОГО:", "6692.20"]), Cells(book, 10, "CD", "КТ"));
        Assert.Equal(S(["250028", "ККБ", "3", "0.02"]), Cells(book, 6, "ABCD", "МРТ"));
        Assert.Empty(book.Errors());
    }

    [Theory]
    [InlineData(SummaryMode.Month, null, " За Февраль 2022 года", @"^by_usl_month_calc_0_02_2022_")]
    [InlineData(SummaryMode.Period, "747", "MO Направления 747 За период 01.01.2022 - 31.03.2022", @"^by_usl_period_calc_747_0_2022_")]
    [InlineData(SummaryMode.Year, null, " За 22 год", @"^by_usl_year_calc_0_0_2022_")]
    public void The_service_summary_titles_and_names_follow_its_mode(SummaryMode mode, string? mo, string title, string name)
    {
        var (file, book) = Write(new ServiceSummaryRequest
        {
            Mo = Support.Mo(), Period = February, Mode = mode, From = new DateOnly(2022, 1, 1), To = new DateOnly(2022, 3, 31), ReferringMo = mo,
            Rows = [new ServiceSummaryRow("A06.09.005", "КТ", 2230.73m, 3, 6692.19m), new ServiceSummaryRow("A06.03.062", null, null, 2, null)],
        });
        using var _ = book;

        Assert.Matches(name, file.FileName);
        Assert.Equal((title, "КТ"), (book.Value("КТ", "B1"), book.Value("КТ", "C1")));
        Assert.Equal(S(["A06.03.062", null, null, "2", null]), Cells(book, 6, "ABCDE", "КТ"));
        Assert.Equal(S(["A06.09.005", "КТ", "2230.73", "3", "6692.19"]), Cells(book, 7, "ABCDE", "КТ"));
        Assert.Equal(S(["ИТОГО:", "6692.19"]), Cells(book, 10, "DE", "КТ"));
        Assert.Equal(S(["ИТОГО:", "0"]), Cells(book, 8, "DE", "МРТ"));
    }

    [Fact]
    public void A_clinics_own_template_replaces_the_shipped_one_and_keeps_its_formatting()
    {
        var folder = Directory.CreateTempSubdirectory("omslite-templates").FullName;
        try
        {
            // The clinic's template: the shipped one with a signature line and a bordered E2.
            using (var own = File.Create(Path.Combine(folder, "reestr_amb.xlsx")))
            {
                TemplateWorkbook.Fill(TemplateGenerator.Build("reestr_amb"), "reestr_amb.xlsx", own,
                [
                    new SheetFill("Лист1", [new Row(2, [Cell.Text("E", null)]), new Row(60, [Cell.Text("B", "Главный врач ____ Иванов И. И.")])], 60, 20),
                ]);
            }

            var (_, book) = Write(Invoice("25011", folder));
            using var _ = book;

            Assert.Equal("Центр ОГРН 1112539013696", book.Value("Лист1", "E2"));
            Assert.True(book.Bordered("Лист1", "E2"));
            Assert.Equal("Главный врач ____ Иванов И. И.", book.Value("Лист1", "B60"));
            Assert.Equal("ИТОГО:", book.Value("Лист1", "S20"));
            Assert.Empty(book.Errors());

            var (_, shipped) = Write(Invoice("25011"));
            using var __ = shipped;
            Assert.False(shipped.Bordered("Лист1", "E2"));
            Assert.Null(shipped.Value("Лист1", "B60"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_template_without_the_groups_sheet_is_refused_with_a_message()
    {
        var mo = Support.Mo(("serviceGroups", "МРТ=A05;УЗИ=A04"));

        var ex = Assert.Throws<RegionFormatException>(() => Write(new MonthSummaryRequest { Mo = mo, Period = February, Rows = [] }));

        Assert.Equal("В шаблоне by_month.xlsx нет листа «УЗИ»", ex.Message);
    }

    private static ReferralRow Row(int number, string code, decimal? amount) => new()
    {
        Number = number, Fam = "ИВАНОВ", Im = "иван", Ot = "иванович", Sex = "м", BirthDate = new DateOnly(1980, 5, 6), Policy = "2512345678901234",
        ReferralNumber = "N-" + number, Ds1 = "R91", OpenDate = new DateOnly(2022, 3, 1), CloseDate = new DateOnly(2022, 3, 2), Code = code, Amount = amount,
    };

    private static string Serial(int year, int month, int day) =>
        (new DateOnly(year, month, day).DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string?> S(string?[] values) => values;

    private static IEnumerable<string?> Cells(Workbook book, int row, string columns, string sheet = "Лист1") =>
        columns.Select(c => book.Value(sheet, $"{c}{row}")).ToArray();

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
