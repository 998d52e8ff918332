using Omslite.Sdk.Registry;
using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>The baseline's own rules, failing with their exact message and passing; the federal rules it shares with
/// region 25 are tested there.</summary>
public class CheckTests
{
    public static TheoryData<string, Func<RegistryCase, RegistryCase>, string> Failing => new()
    {
        { "outpatient-only", c => c with { UslOk = 2 }, "1234-Формат federal-baseline принимает только амбулаторные случаи (USL_OK 3)" },
        { "services-missing", c => c with { Services = [] }, "1234-Нет услуг в случае" },
        { "tariff-missing", c => c with { Services = [c.Services[0] with { Tariff = null }] }, "1234-Нет тарифа услуги A06.09.005 на 2026-01-12" },
        { "service-date", c => c with { Services = [c.Services[0] with { Date = new DateOnly(2026, 1, 13) }] }, "1234-Дата услуги A06.09.005 вне дат случая: 2026-01-13" },
        { "dul-missing", c => With(p => p with { Policy = p.Policy with { Type = 2, Number = "123456789" }, Document = new RegistryDocument() }), "1234-Нет ДУЛ (тип и номер) у пациента без ЕНП" },
        { "referral-mo", c => c with { Referral = c.Referral! with { MoCode = "25022" } }, "1234-Код направившей МО не из 6 цифр (F003)" },
        { "attachment", c => With(p => p with { AttachmentMoCode = "228" }), "1234-Код МО прикрепления не из 6 цифр (F003): 228" },
        { "override", c => c with { Overrides = new Dictionary<string, string> { ["P_CEL"] = "2,1" } }, "1234-Неверное значение P_CEL: 2,1" },
        { "federal: policy kind", c => With(p => p with { Policy = p.Policy with { Number = "25123" } }), "1234-Тип полис не ЕНП, не соответвует VPOLIS 3 (ЕНП)" },
        { "federal: sex", c => With(p => p with { Sex = null }), "1234-Не указан пол пациента" },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void A_failing_rule_excludes_the_visit_with_its_exact_message(string rule, Func<RegistryCase, RegistryCase> change, string message)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(message, Message(change(Ct)));
    }

    public static TheoryData<string, Func<RegistryCase, RegistryCase>> Passing => new()
    {
        { "the chest CT", c => c },
        { "an ENP holder needs no DUL", c => With(p => p with { Document = new RegistryDocument() }) },
        { "a case without a referral", c => c with { Referral = null } },
        { "an out-of-region patient's attachment is not checked", c => With(p => p with { AttachmentMoCode = "228", Policy = p.Policy with { SmoOkato = "87024" } }) },
        { "a valid override", c => c with { Overrides = new Dictionary<string, string> { ["P_CEL"] = "1.0", ["IDSP"] = "29" } } },
        { "a service on the last day", c => c with { CloseDate = new DateOnly(2026, 1, 14), Services = [c.Services[0] with { Date = new DateOnly(2026, 1, 14) }] } },
    };

    [Theory]
    [MemberData(nameof(Passing))]
    public void A_passing_case_has_no_problem(string what, Func<RegistryCase, RegistryCase> change)
    {
        Assert.NotEmpty(what);
        Assert.Empty(new FederalBaselineFormat().Check(change(Ct), Mo));
    }

    [Fact]
    public async Task A_failing_visit_is_excluded_and_reported_and_the_rest_go_on()
    {
        var bad = Mri with { Services = [] };

        var run = await PackAsync([Ct, bad, Guest]);

        Assert.Equal([501L, 503L], run.Result.Included);
        var problems = Assert.Single(run.Result.Problems);
        Assert.Equal((502L, 1240, "000123"), (problems.VisitId, problems.Number, problems.CardNumber));
        Assert.Equal(new CaseProblem("services-missing", "CODE_USL", "1240-Нет услуг в случае"), Assert.Single(problems.Problems));
        Assert.Contains("<SD_Z>2</SD_Z>", run.Text("HM250796T25_26011.xml"));
        Assert.Contains("<SUMMAV>4379.00</SUMMAV>", run.Text("HM250796T25_26011.xml"));
    }

    [Fact]
    public async Task Payment_values_come_from_the_visit_then_the_mo_settings()
    {
        var mo = Mo with { Settings = new Dictionary<string, string>(Mo.Settings) { ["idsp"] = "29", ["vidpom"] = "11", ["pCel"] = "1.0" } };
        var urgent = Mri with { ForPom = 2 };

        var run = await PackAsync([Ct, urgent, Guest], mo: mo);

        var zaps = run.Text("HM250796T25_26011.xml").Split('\n')[4..7];
        Assert.Contains("<VIDPOM>11</VIDPOM>", zaps[0]);
        Assert.Contains("<P_CEL>1.0</P_CEL>", zaps[0]);
        Assert.Contains("<ED_COL>1</ED_COL>", zaps[0]);
        Assert.Contains("<IDSP>29</IDSP>", zaps[0]);
        Assert.Contains("<P_CEL>1.1</P_CEL>", zaps[1]);
        Assert.Contains("<ED_COL>1</ED_COL>", zaps[1]);
        Assert.Contains("<VIDPOM>12</VIDPOM>", zaps[2]);
    }
}
