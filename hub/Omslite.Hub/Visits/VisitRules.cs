using Omslite.Hub.Api;
using Omslite.Hub.Patients;

namespace Omslite.Hub.Visits;

/// <summary>What a visit's codes were found to be in the MO's books (loaded once per save).</summary>
public sealed record VisitCheckContext(
    bool IstFinKnown,
    bool PurposeKnown,
    bool DoctorKnown,
    bool Ds1Known,
    bool Ds2Known,
    bool NprMoKnown,
    bool NprSpecKnown,
    bool HospMoKnown,
    bool PatientAttachedHere,
    IReadOnlySet<int> ConsultantSpecialties);

public sealed record VisitCheck(VisitFields Visit, VisitCheckContext Context);

/// <summary>
/// The visit rules of ui.md §3.5.4 in the original's order (dates; payment, purpose, doctor; the visit's own policy;
/// referral; visit counts), plus the required diagnosis fields of the form and the report month.
/// </summary>
public static class VisitRules
{
    public static readonly IReadOnlyList<Rule<VisitCheck>> All =
    [
        Rule<VisitCheck>.When("open-date", c => c.Visit.OpenDate is null, "openDate", "Укажите дату открытия талона"),
        Rule<VisitCheck>.When("close-date", c => c.Visit.CloseDate is null, "closeDate", "Укажите дату закрытия талона"),
        Rule<VisitCheck>.When("dates-order", c => c.Visit.OpenDate > c.Visit.CloseDate, "closeDate", "Дата закрытия меньше даты открытия талона"),
        Rule<VisitCheck>.When("report-month", c => c.Visit.ReportMonth is not (>= 1 and <= 12), "reportMonth", "Месяц талона: от 1 до 12"),
        Rule<VisitCheck>.When("report-year", c => c.Visit.ReportYear is not (>= 2010 and <= 2100), "reportYear", "Год талона: от 2010"),
        Rule<VisitCheck>.When("payment", c => !c.Context.IstFinKnown, "istFin", "Укажите способ оплаты"),
        Rule<VisitCheck>.When("purpose", c => !c.Context.PurposeKnown, "purpose", "Укажите цель"),
        Rule<VisitCheck>.When("doctor", c => !c.Context.DoctorKnown, "docCode", "Укажите доктора"),
        Rule<VisitCheck>.When("ds1-required", c => c.Visit.Ds1 is null, "ds1", "Укажите основной диагноз"),
        Rule<VisitCheck>.When("ds1-known", c => c.Visit.Ds1 is not null && !c.Context.Ds1Known, "ds1", "Диагноз не найден в МКБ-10 на дату талона"),
        Rule<VisitCheck>.When("ds2-known", c => c.Visit.Ds2 is not null && !c.Context.Ds2Known, "ds2", "Доп. диагноз не найден в МКБ-10 на дату талона"),
        Rule<VisitCheck>.When("character", c => c.Visit.Char1 is null, "char1", "Укажите характер заболевания"),
        Rule<VisitCheck>.When("outcome", c => c.Visit.Ishod is null, "ishod", "Укажите исход"),
        Rule<VisitCheck>.When("result", c => c.Visit.Rslt is null, "rslt", "Укажите результат"),
        Rule<VisitCheck>.When("own-policy-type",
            c => c.Visit.PolicyNumber is not null && c.Visit.PolicyType == PolicyKind.Unknown, "policyNumber", "Неизвестный тип полиса"),
        Rule<VisitCheck>.When("own-policy-insurer",
            c => c.Visit.PolicyNumber is not null && c.Visit.Smo is null && c.Visit.SmoOkato is null, "smo", "Укажите либо СМО либо СМО ОКАТО"),
        new("consultation-referral", c =>
            c.Visit.DocSpec is { } spec && c.Context.ConsultantSpecialties.Contains(spec) && !c.Context.PatientAttachedHere
            && !c.Visit.Urgent && c.Visit.NprNumber is null
                ? [new FieldError("nprNumber", $"Укажите направление на консультацию специалиста {spec}")]
                : []),
        Rule<VisitCheck>.When("one-referral-kind",
            c => c.Visit.NprNumber is not null && c.Visit.HospNumber is not null, "hospNumber", "Госпитализация и Консультация в одном талоне"),
        Rule<VisitCheck>.When("referral-mo", c => c.Visit.NprNumber is not null && !c.Context.NprMoKnown, "nprMo", "Неверный код МО направления"),
        Rule<VisitCheck>.When("referral-spec", c => c.Visit.NprNumber is not null && !c.Context.NprSpecKnown, "nprSpec", "Неверный код Специалиста направления"),
        Rule<VisitCheck>.When("referral-number-length", c => c.Visit.NprNumber is { Length: >= 16 }, "nprNumber", "Номер направления: не длиннее 15 символов"),
        Rule<VisitCheck>.When("hospital-mo", c => c.Visit.HospNumber is not null && !c.Context.HospMoKnown, "hospMo", "Неверный код МО госпитализации"),
        Rule<VisitCheck>.When("visit-count",
            c => c.Visit.VisitPol + c.Visit.VisitHome == 0 && c.Visit.VisitDaystac + c.Visit.VisitHomstac == 0,
            "visitPol", "Укажите количество посещений"),
        Rule<VisitCheck>.When("one-care-kind",
            c => c.Visit.VisitPol + c.Visit.VisitHome != 0 && c.Visit.VisitDaystac + c.Visit.VisitHomstac != 0,
            "visitDaystac", "Амбулвторный прием и ДСтац в одном талоне"),
    ];
}
