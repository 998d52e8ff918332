using Omslite.MisConnectors.Legacy.Tests.Infrastructure;
using Omslite.Sdk.Connectors;
using static Omslite.MisConnectors.Legacy.Tests.Infrastructure.LegacyTestDatabase;

namespace Omslite.MisConnectors.Legacy.Tests;

/// <summary>A pull of the sample database (legacy-sample.sql): what comes over and in which codes.</summary>
public sealed class LegacyPullTests
{
    private static readonly string[] OmsVisits = ["25:1", "25:2", "25:4", "25:5", "26:1", "26:3", "26:4"];

    [Fact]
    public async Task First_pull_brings_exactly_the_oms_visits_of_every_year_in_change_order()
    {
        var db = await CreateAsync();

        var batches = await PullAsync(db);

        var cases = batches.SelectMany(b => b.Cases).ToList();
        Assert.Equal(OmsVisits, cases.Select(c => c.SourceKey));
        Assert.NotNull(batches[^1].Watermark);
        Assert.All(cases, c => Assert.Matches(@"^\d{4}-\d\d-\d\dT[0-9:.]+/[0-9a-f]{24}$", c.ChangeMarker));
        Assert.Equal(cases.Count, cases.Select(c => c.ChangeMarker).Distinct().Count());
    }

    [Fact]
    public async Task Status_mek_and_report_month_follow_talon_type_mek_and_talon_month_with_the_table_year()
    {
        var db = await CreateAsync();

        var cases = (await PullAsync(db)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        Assert.Equal((CaseState.Completed, true, false), (cases["25:1"].State, cases["25:1"].Visit.Sent, cases["25:1"].Visit.Mek));
        Assert.Equal((CaseState.Completed, false, true), (cases["25:2"].State, cases["25:2"].Visit.Sent, cases["25:2"].Visit.Mek));
        Assert.Equal(CaseState.Cancelled, cases["25:4"].State);
        Assert.Equal((CaseState.Completed, true), (cases["26:4"].State, cases["26:4"].Visit.Sent));
        Assert.Equal(new ReportPeriod(2025, 11), cases["25:1"].Visit.ReportPeriod);
        Assert.Equal(new ReportPeriod(2025, 12), cases["25:2"].Visit.ReportPeriod);
        // Opened in December 2025, closed and reported in January 2026: the report month is the table's year + talon_month.
        Assert.Equal(new ReportPeriod(2026, 1), cases["26:1"].Visit.ReportPeriod);
        Assert.Equal(new DateOnly(2025, 12, 29), cases["26:1"].Visit.OpenDate);
        Assert.Equal(new ReportPeriod(2026, 2), cases["26:3"].Visit.ReportPeriod);
    }

    [Fact]
    public async Task Visit_carries_the_federal_codes_of_its_local_specialty_doctor_and_referring_mo()
    {
        var db = await CreateAsync();

        var cases = (await PullAsync(db)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        var sent = cases["25:1"];
        Assert.Equal(
            (60, 78, "11122233344", "Кузнецов Павел Андреевич", 4, "R91", (int?)1, (int?)4, (int?)14, 1, false, true),
            (sent.Visit.Prvs, sent.Visit.Profile, sent.Visit.DoctorSnils, sent.Visit.DoctorName, sent.Visit.Purpose,
             sent.Visit.Ds1, sent.Visit.CZab, sent.Visit.Ishod, sent.Visit.Rslt, sent.Visit.VisitPol, sent.Visit.Urgent,
             sent.Visit.FirstVisit));
        Assert.Equal(new SourceReferral { MoCode = "250228", Number = "4512", Date = new DateOnly(2025, 11, 1), Prvs = 76 }, sent.Referral);

        // SNILS "122-174-159 17" as 11 digits; a referral without date or specialty.
        var mek = cases["25:2"];
        Assert.Equal(("12217415917", "G44.2", "I10", 2), (mek.Visit.DoctorSnils, mek.Visit.Ds1, mek.Visit.Ds2, mek.Visit.CZab));
        Assert.Equal(new SourceReferral { MoCode = "250047", Number = "77" }, mek.Referral);

        // A therapist's urgent repeat visit without a referral.
        var urgent = cases["25:5"];
        Assert.Equal((76, 97, "15678901234", true, false, 1), (urgent.Visit.Prvs, urgent.Visit.Profile, urgent.Visit.DoctorSnils,
            urgent.Visit.Urgent, urgent.Visit.FirstVisit, urgent.Visit.VisitHome));
        Assert.Null(urgent.Referral);

        // A doctor missing from the book: the visit still comes, with the specialty's codes and no SNILS.
        var unknownDoctor = cases["26:3"];
        Assert.Equal((60, 78, null, null), (unknownDoctor.Visit.Prvs, unknownDoctor.Visit.Profile, unknownDoctor.Visit.DoctorSnils, unknownDoctor.Visit.DoctorName));
        Assert.Equal(60, unknownDoctor.Referral!.Prvs);

        // Short code 112 shares its hospital's F003 code; 555 is missing from mo_local: the region prefix + short code.
        Assert.Equal("250100", cases["26:4"].Referral!.MoCode);
        Assert.Equal("250555", cases["26:1"].Referral!.MoCode);
    }

    [Fact]
    public async Task Patient_is_the_card_with_its_policy_smo_document_and_attachment_mo()
    {
        var db = await CreateAsync();

        var cases = (await PullAsync(db)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        Assert.Equal(new SourcePatient
        {
            SourceKey = "1", CardNumber = "1001", Fam = "ИВАНОВ", Im = "ПЁТР", Ot = "СЕРГЕЕВИЧ", Sex = "м",
            BirthDate = new DateOnly(1980, 5, 12), PolicyNumber = "2598765432109876", SmoCode = "25011", SmoOkato = "05000",
            DulType = 14, DulSeries = "05 03", DulNumber = "123456", DulDate = new DateOnly(2010, 6, 1),
            DulIssuer = "УФМС РОССИИ ПО ПРИМОРСКОМУ КРАЮ", AttachmentMoCode = "250100", Soc = 0, City = "Владивосток",
            Street = "Светланская", House = "12", Phone = "+79140000001", StOkato = "05000", SmoOgrn = "1027739815245",
            SmoName = "ВС Альянс", DulIssuerCode = "250001",
        }, cases["25:1"].Patient);
        Assert.Equal(cases["25:1"].Patient, cases["26:1"].Patient);

        var oldPolicy = cases["25:2"].Patient;
        Assert.Equal(("2", "ж", "ПК", "123456", "25016", "250047", 35, 3), (oldPolicy.SourceKey, oldPolicy.Sex,
            oldPolicy.PolicySeries, oldPolicy.PolicyNumber, oldPolicy.SmoCode, oldPolicy.AttachmentMoCode, oldPolicy.Soc,
            oldPolicy.Employment));

        // Out of the region, paid by the territorial fund (SMO 0), no patronymic, not attached.
        var outOfRegion = cases["25:5"].Patient;
        Assert.Equal(("0", "45000", null, null, "123456789"), (outOfRegion.SmoCode, outOfRegion.SmoOkato, outOfRegion.Ot,
            outOfRegion.AttachmentMoCode, outOfRegion.PolicyNumber));
    }

    [Fact]
    public async Task Visit_carries_its_talon_number_and_its_own_policy_and_the_card_its_home_phone_when_the_columns_exist()
    {
        var db = await CreateAsync();
        await ExecuteAsync(db, "update talonz_clin_26 set polis_num = '2512345678901234', smo = 25016, smo_okato = '05000' where tal_num = 4");
        await ExecuteAsync(db, "alter table cardz_clin add column phone_hom varchar(20); update cardz_clin set phone_hom = '2-22-22-22' where crd_num = '1002'");

        var cases = (await PullAsync(db)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        Assert.Equal([1, 2, 1, 3, 4], new[] { "25:1", "25:2", "26:1", "26:3", "26:4" }.Select(k => cases[k].Visit.Number));
        Assert.Equal(new SourcePolicy { Number = "2512345678901234", SmoCode = "25016", SmoOkato = "05000" }, cases["26:4"].Visit.Policy);
        Assert.Null(cases["26:3"].Visit.Policy);
        Assert.Equal("2-22-22-22", cases["26:4"].Patient.HomePhone);
        Assert.Null(cases["25:1"].Patient.HomePhone);
    }

    [Fact]
    public async Task Services_come_from_the_years_service_table_with_the_executor_only_when_another_doctor()
    {
        var db = await CreateAsync();

        var cases = (await PullAsync(db)).SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);

        var mek = cases["25:2"].Services;
        Assert.Equal(2, mek.Count);
        Assert.Equal(("A05.23.009", 1, new DateOnly(2025, 12, 3), null, 282), (mek[0].Code, mek[0].Quantity, mek[0].Date, mek[0].DoctorSnils, mek[0].Unit));
        Assert.Equal(("A06.03.021.001", 2, new DateOnly(2025, 12, 4), "15678901234", 281), (mek[1].Code, mek[1].Quantity, mek[1].Date, mek[1].DoctorSnils, mek[1].Unit));
        Assert.Matches("^25:[0-9]+$", mek[0].SourceKey);
        Assert.NotEqual(mek[0].SourceKey, mek[1].SourceKey);

        // Same tal_num in the next year: its own services, not 2025's.
        var next = Assert.Single(cases["26:1"].Services);
        Assert.Equal(("A06.09.005", new DateOnly(2026, 1, 12)), (next.Code, next.Date));
        Assert.Matches("^26:[0-9]+$", next.SourceKey);

        var noExecutor = Assert.Single(cases["26:4"].Services);
        Assert.Equal((null, null), (noExecutor.DoctorSnils, noExecutor.Unit));
        Assert.Empty(cases["25:5"].Services);
    }

    [Fact]
    public async Task Period_pull_brings_every_visit_of_the_report_months_and_keeps_the_watermark()
    {
        var db = await CreateAsync();
        var watermark = (await PullAsync(db))[^1].Watermark;

        var batches = await PullAsync(db, watermark, from: new ReportPeriod(2025, 12), to: new ReportPeriod(2026, 1));

        var cases = batches.SelectMany(b => b.Cases).ToDictionary(c => c.SourceKey);
        Assert.Equal(["25:2", "25:3", "25:4", "25:5", "26:1", "26:2", "26:4"], cases.Keys.Order());
        // Not OMS (paid, no funding): cancelled, so that such a visit leaves the hub.
        Assert.Equal(CaseState.Cancelled, cases["25:3"].State);
        Assert.Equal(CaseState.Cancelled, cases["26:2"].State);
        Assert.All(batches, b => Assert.Equal(watermark, b.Watermark));
    }
}
