using System.Xml;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry;
using Omslite.RegionFormats.Primorye25.Writing;
using Omslite.RegionFormats.RegistryXml.Writing;
using static Omslite.RegionFormats.Primorye25.Tests.Sample;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>A pack run as a whole: names, flags, versions by period, D2 fixes, schema validation.</summary>
public class PackTests
{
    private static readonly RegistryMo Mo999 = Mo with { Code = "250999", ShortCode = "999" };

    [Theory]
    [InlineData(2021, 11, 1, "M250999T25_21119991", "H25099911101.zip", "9992111", "99921111")]
    [InlineData(2025, 4, 3, "M250999T25_25049993", "H25099950403.zip", "9992504", "99925043")]
    [InlineData(2030, 12, 9, "M250999T25_30129999", "H25099901209.zip", "9993012", "99930129")]
    public void Names_follow_the_grammar_of_the_region(int year, int month, int number, string stem, string zip, string code, string nschet)
    {
        var names = new PackNames(RegionSettings.From(Mo999), new ReportPeriod(year, month), number);

        Assert.Equal(stem, names.Stem);
        Assert.Equal("H" + stem, names.H);
        Assert.Equal("L" + stem, names.L);
        Assert.Equal("P" + stem, names.P);
        Assert.Equal(zip, names.Zip);
        Assert.Equal(code, names.SchetCode);
        Assert.Equal(nschet, names.Nschet);
    }

    [Fact]
    public void The_receiver_code_and_short_code_come_from_the_mo()
    {
        var names = new PackNames(RegionSettings.From(Mo with { Code = "270047", ShortCode = "047", Region = "27" }), new ReportPeriod(2026, 2), 2);

        Assert.Equal("M270047T27_26020472", names.Stem);
        Assert.Equal("0472602", names.SchetCode);
    }

    [Theory]
    [InlineData(2026, 13, 1, "Неверный месяц отчёта: 13 (ожидается 1–12)")]
    [InlineData(2026, 0, 1, "Неверный месяц отчёта: 0 (ожидается 1–12)")]
    [InlineData(1999, 1, 1, "Неверный год отчёта: 1999 (ожидается 2000–2099)")]
    [InlineData(2026, 1, 0, "Неверный номер пакета: 0 (ожидается 1–9)")]
    [InlineData(2026, 1, 10, "Неверный номер пакета: 10 (ожидается 1–9)")]
    [InlineData(2025, 1, 1, "Формат ТФОМС 25 не описан для отчётного периода 2025-01: первый поддерживаемый — 2025-02")]
    public async Task An_invalid_month_year_number_or_period_is_refused_and_nothing_is_written(int year, int month, int number, string message)
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Case], number, period: new ReportPeriod(year, month)));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task A_2026_pack_needs_lpu_1_in_the_mo_settings()
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Case], mo: Mo with { Lpu1 = " " }));

        Assert.Contains("LPU_1", ex.Message);
    }

    [Fact]
    public async Task Check_only_counts_and_reports_but_writes_nothing()
    {
        var bad = Case with { VisitId = 9, Number = 19, OpenDate = null };

        var run = await PackAsync([Case, bad], checkOnly: true);

        Assert.Null(run.Result.FileName);
        Assert.Empty(run.Zip);
        Assert.Equal(1, run.Result.Records);
        Assert.Equal(1, run.Result.Persons);
        Assert.Equal(1, run.Result.Excluded);
        var problem = Assert.Single(run.Result.Problems);
        Assert.Equal((9L, 19, 77L, "000123"), (problem.VisitId, problem.Number, problem.PatientId, problem.CardNumber));
        Assert.Equal("19-Нет даты талона", Assert.Single(problem.Problems).Message);
    }

    [Fact]
    public async Task A_failing_visit_is_excluded_and_the_rest_go_on()
    {
        var bad = Case with { VisitId = 9, Number = 19, Patient = Case.Patient with { PatientId = 78, CardNumber = "9", Fam = null } };
        var good = Case with { VisitId = 10, Number = 20 };

        var run = await PackAsync([Case, bad, good]);

        Assert.Equal([501L, 10L], run.Result.Included);
        Assert.Equal("19-Нет Фамилии пациента", run.Result.Problems.Single().Problems.Single().Message);
        Assert.Equal(2, run.Records("HM", 2).Count);
    }

    [Fact]
    public async Task No_zip_when_no_visit_passes()
    {
        var run = await PackAsync([Case with { OpenDate = null }]);

        Assert.Null(run.Result.FileName);
        Assert.Empty(run.Zip);
        Assert.Equal(0, run.Result.Records);
    }

    [Fact]
    public async Task A_limit_stops_after_that_many_passing_visits()
    {
        var cases = Enumerable.Range(1, 5).Select(i => Case with { VisitId = i, Number = i }).Prepend(Case with { VisitId = 99, Number = 1, OpenDate = null });

        var run = await PackAsync(cases, limit: 3);

        Assert.Equal([1L, 2L, 3L], run.Result.Included);
        Assert.Equal(3, run.Records("HM", 2).Count);
    }

    [Fact]
    public async Task An_unencodable_character_excludes_the_visit_and_leaves_well_formed_files()
    {
        var emoji = Case with { VisitId = 2, Number = 2, Patient = Case.Patient with { PatientId = 2, Fam = "ИВАНОВА😀", Policy = Case.Patient.Policy with { Number = "2512345678909999" } } };

        var run = await PackAsync([emoji, Case]);

        Assert.Equal("2-символ не кодируется в windows-1251: FAM", run.Result.Problems.Single().Problems.Single().Message);
        foreach (var file in new[] { "HM", "PM", "LM" })
        {
            var document = new XmlDocument();
            document.LoadXml(run.Text(file).Split('\n', 2)[1]);
        }

        Assert.DoesNotContain("ИВАНОВА?", run.Text("LM"));
        Assert.Single(run.Records("LM", 1));
    }

    [Fact]
    public async Task The_same_policy_twice_gives_one_person_from_the_first_visit_and_a_visit_policy_another()
    {
        var second = Case with { VisitId = 2, Number = 2, Patient = Case.Patient with { Fam = "ДРУГАЯ" } };
        var onVisitPolicy = Case with { VisitId = 3, Number = 3, VisitPolicy = new RegistryPolicy { Type = 2, Number = "123456789", Smo = "25016" } };

        var run = await PackAsync([Case, second, onVisitPolicy]);

        var persons = run.Records("LM", 1);
        Assert.Equal(2, run.Result.Persons);
        Assert.Equal(2, persons.Count);
        Assert.Contains("<FAM>ИВАНОВА</FAM>", persons[0]);
        Assert.StartsWith("<PERS><ID_PAC>123456789</ID_PAC><FAM>ИВАНОВА</FAM>", persons[1]);
    }

    [Fact]
    public async Task A_2025_pack_is_written_in_version_5_0_without_the_2026_tags()
    {
        var april = Case with { ReportPeriod = new ReportPeriod(2025, 4), OpenDate = new DateOnly(2025, 4, 2), CloseDate = new DateOnly(2025, 4, 2),
            Referral = Case.Referral! with { Date = new DateOnly(2025, 4, 1) }, Services = [Case.Services[0] with { Date = new DateOnly(2025, 4, 2) }] };

        var run = await PackAsync([april], number: 3, mo: Mo999 with { Lpu1 = null }, period: new ReportPeriod(2025, 4));

        Assert.Equal("H25099950403.zip", run.Result.FileName);
        var h = run.Text("HM");
        Assert.Contains("<VERSION>5.0</VERSION>", h);
        Assert.Contains("<DSCHET>2026-02-03</DSCHET><SUMMAV>0.00</SUMMAV></SCHET>", h);
        Assert.Contains("<NOVOR>0</NOVOR><SOC>000</SOC></PACIENT>", h);
        Assert.Contains("<SL><SL_ID>1</SL_ID><PROFIL>78</PROFIL><DET>0</DET><P_CEL>2.1</P_CEL><NHISTORY>1234</NHISTORY>", h);
        Assert.Contains("<USL><IDSERV>1</IDSERV><LPU>250999</LPU><PODR>221</PODR><PROFIL>78</PROFIL><DET>0</DET>", h);
        Assert.Contains("<VERSION>3.2</VERSION>", run.Text("LM"));
    }

    [Fact]
    public void The_versions_are_listed_by_period()
    {
        var versions = new Primorye25Format().Versions;

        Assert.Equal("5.0", versions.For(new ReportPeriod(2025, 12))!.Files["H"]);
        Assert.Equal("6.0", versions.For(new ReportPeriod(2026, 1))!.Files["H"]);
        Assert.Equal("3.2", versions.For(new ReportPeriod(2027, 6))!.Files["L"]);
        Assert.Null(versions.For(new ReportPeriod(2025, 1)));
    }

    /// <summary>A stricter HM schema than the shipped one: SMO_NAM may not contain quotes.</summary>
    private static Schemas StrictSchemas(long partBytes = 4L << 20) => new(name =>
    {
        var stream = typeof(Primorye25Format).Assembly.GetManifestResourceStream("xsd/" + name);
        if (name != "HM-common.xsd" || stream is null)
        {
            return stream;
        }

        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace(
            "<xs:element name=\"SMO_NAM\" type=\"Text\" minOccurs=\"0\"/>",
            "<xs:element name=\"SMO_NAM\" minOccurs=\"0\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"[^&quot;]*\"/></xs:restriction></xs:simpleType></xs:element>");
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
    })
    {
        PartBytes = partBytes,
    };

    [Fact]
    public async Task A_file_that_fails_its_schema_gives_no_zip_and_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Case], format: new Primorye25Format(StrictSchemas())));

        Assert.StartsWith("Файл HM250796T25_26017961.xml не соответствует схеме HM-6.0.xsd (строка 5, талон 1234): ", ex.Message);
        Assert.EndsWith("Пакет не сформирован.", ex.Message);
    }

    [Theory]
    [InlineData(3)] // the last part, validated between the real headers
    [InlineData(1)] // the first part, validated while the others are built, between provisional headers
    public async Task A_large_file_validated_in_parts_names_the_line_and_visit_of_the_file(int failing)
    {
        // One record per part: record N of the file (line 4 + N) fails, in part N.
        var plain = Case with { Patient = Case.Patient with { Policy = Case.Patient.Policy with { SmoName = "ВС Альянс" } } };
        var cases = Enumerable.Range(1, 3).Select(i => (i == failing ? Case : plain) with { VisitId = i, Number = 1000 + i }).ToList();

        var parted = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync(cases, format: new Primorye25Format(StrictSchemas(partBytes: 1))));
        var whole = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync(cases, format: new Primorye25Format(StrictSchemas())));

        Assert.StartsWith($"Файл HM250796T25_26017961.xml не соответствует схеме HM-6.0.xsd (строка {4 + failing}, талон {1000 + failing}): ", parted.Message);
        Assert.Equal(whole.Message, parted.Message);
        var valid = await PackAsync(cases.Where(c => c.VisitId != failing), format: new Primorye25Format(StrictSchemas(partBytes: 1)));
        Assert.Equal(2, valid.Result.Records);
    }

    [Fact]
    public async Task A_pack_written_in_many_parts_has_the_bytes_of_one_written_whole()
    {
        var cases = Enumerable.Range(1, 40).Select(i => Case with { VisitId = i, Number = 1000 + i }).ToList();

        var parted = await PackAsync(cases, format: new Primorye25Format(new Schemas(typeof(Primorye25Format).Assembly) { PartBytes = 3000 }));
        var whole = await PackAsync(cases);

        foreach (var prefix in new[] { "HM", "PM", "LM" })
        {
            Assert.Equal(whole.Bytes(prefix), parted.Bytes(prefix));
        }

        Assert.Equal(40, parted.Records("HM", 2).Count);
        // Each file's chunks were compressed apart and joined in the zip, with the file's CRC-32 combined from theirs.
        Assert.Equal(["HM250796T25_26017961.xml", "PM250796T25_26017961.xml", "LM250796T25_26017961.xml"], parted.EntryNames());
        Assert.All(parted.Checksums().Concat(whole.Checksums()), entry => Assert.Equal(entry.Actual, entry.Stored));
    }

    [Fact]
    public async Task The_host_is_handed_the_pack_s_visits_in_pack_order_while_it_is_built_and_a_check_s_passing_ones()
    {
        // 12 001 passing cases: two full batches of 5 000 during the build, the rest after it; one failing case left out.
        var cases = Enumerable.Range(1, 12_002).Select(i => i == 7000 ? Case with { VisitId = i, Number = i, Ds1 = null } : Case with { VisitId = i, Number = i }).ToList();
        var batches = new List<IReadOnlyList<long>>();

        var run = await PackAsync(cases, including: batches.Add);
        var checkedOnly = new List<IReadOnlyList<long>>();
        var check = await PackAsync(cases, checkOnly: true, including: checkedOnly.Add);

        Assert.Equal([5000, 5000, 2001], batches.Select(b => b.Count));
        Assert.Equal(run.Result.Included, batches.SelectMany(b => b));
        Assert.DoesNotContain(7000L, run.Result.Included);
        Assert.Equal([5000, 5000, 2001], checkedOnly.Select(b => b.Count));
        Assert.Equal(check.Result.Included, checkedOnly.SelectMany(b => b));
        Assert.Equal(run.Result.Included, check.Result.Included);
    }

    [Fact]
    public void The_check_of_one_case_uses_the_rules_of_its_report_period()
    {
        var format = new Primorye25Format();

        Assert.Empty(format.Check(Case, Mo));
        Assert.Throws<RegionFormatException>(() => format.Check(Case with { ReportPeriod = new ReportPeriod(2024, 12) }, Mo));
    }
}
