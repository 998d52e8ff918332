using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>One test per rule of the check chain (registry-pack-25.md §4.2): the failing case with its exact message,
/// and the passing case next to it.</summary>
public class CheckRuleTests
{
    private static readonly DateOnly Jan12 = new(2026, 1, 12);

    public static TheoryData<string, Func<RegistryCase, RegistryCase>, string> Failing => new()
    {
        { "specialty-unknown", c => c with { Specialty = null }, "1234-Не найдена специальность талона: 63" },
        { "doctor-unknown", c => c with { DoctorSnils = null }, "1234-Не найден врач талона: специальность 63, код 1" },
        { "date-missing", c => c with { OpenDate = null }, "1234-Нет даты талона" },
        { "date-order", c => c with { OpenDate = Jan12.AddDays(1) }, "1234-Дата 1 больше даты 2" },
        { "card-missing", c => c with { Patient = c.Patient with { CardNumber = " " } }, "1234-Нет карты талона" },
        { "vpolis-missing", c => Policy(c, p => p with { Type = 0 }), "1234-Тип полиса не указан" },
        { "npolis-missing", c => Policy(c, p => p with { Number = null }), "1234-Номер полиса не указан" },
        { "vpolis-1", c => Policy(c, p => p with { Type = 1, Number = "123456" }), "1234-Тип полиса не соответвует типу 1 (старый)" },
        { "vpolis-2", c => Policy(c, p => p with { Type = 2, Number = "12345678" }), "1234-Тип полис не времянка, не соответвует VPOLIS 2 (времянка)" },
        { "vpolis-3", c => Policy(c, p => p with { Number = "251234567890123" }), "1234-Тип полис не ЕНП, не соответвует VPOLIS 3 (ЕНП)" },
        { "vpolis-unknown", c => Policy(c, p => p with { Type = 4 }), "1234-Тип полиса не поддерживаем" },
        { "smo-missing", c => Policy(c, p => p with { Smo = "0" }), "1234-Нет ни СМО ни СМО ОГРН" },
        { "id-pac", c => Policy(c, p => p with { Type = 1, Series = "ЯА", Number = "12А456" }), "1234-Номер полиса не целое число" },
        { "usl-ok-missing", c => c with { UslOk = null }, "1234-USL_OK (условия оказания) не указан" },
        { "for-pom-missing", c => c with { ForPom = 0 }, "1234-FOR_POM (форма помощи) не указан" },
        { "result-missing", c => c with { Ishod = 0 }, "1234-RESULT/ISHOD (исход, результат) не указан" },
        { "visits-zero", c => c with { VisitPol = 0 }, "1234-Нуль количество посещений АПП" },
        { "day-stationary", c => c with { UslOk = 2 }, "1234-дневной стационар не поддерживается" },
        { "usl-ok-wrong", c => c with { UslOk = 1 }, "1234- Неверный тип USL_OK для АПП, ДС" },
        { "referral-number-long", c => c with { Referral = c.Referral! with { Number = "2280001234567890" } }, "1234-Номер направления слишком длинный" },
        { "referral-mo", c => c with { Referral = new RegistryReferral { MoShortCode = "22Б" } }, "1234-Неверный код МО направления" },
        { "ds1-missing", c => c with { Ds1 = " " }, "1234-Нет DS1 (основной диагноз)" },
        { "c-zab-missing", c => c with { CZab = null }, "1234-Нет C_ZAB (характер основного заболевания)" },
        { "prvs-profil-missing", c => c with { Specialty = new RegistrySpecialty(60, null) }, "1234-Нет PRVS | PROFIL (кода специальности по V021, профиля V002)" },
        { "snils-missing", c => c with { DoctorSnils = "" }, "1234-Нет СНИЛС у доктора" },
        { "diagnostic-purpose", c => c with { Purpose = 1 }, "1234-Для спец. 63, prvs 60 неверная цель - 1" },
        { "snils-format", c => c with { DoctorSnils = "123-456-78 90" }, "1234-СНИЛС доктора - неверный формат: 123-456-78 90" },
        { "code-md-format", c => c with { Services = [c.Services[0] with { Overrides = new Dictionary<string, string> { ["CODE_MD"] = "12-34" } }] }, "1234-СНИЛС доктора - неверный формат: 12-34" },
        { "fam-missing", c => Patient(c, p => p with { Fam = null }), "1234-Нет Фамилии пациента" },
        { "dr-missing", c => Patient(c, p => p with { BirthDate = null }), "1234-Нет даты рождения пациента" },
        { "sex-name", c => Patient(c, p => p with { Im = "СЕРГЕЙ" }), "1234-Проверте пол пациента" },
        { "soc", c => Patient(c, p => p with { Soc = 810 }), "1234-Неверный код SOC статуса пациента" },
        { "dul-incomplete", c => Patient(Policy(c, p => p with { Type = 2, Number = "123456789" }), p => p with { Document = p.Document with { Series = null } }), "1234-Укажите полностю ДУЛ" },
        { "dul-date-issuer", c => Patient(Sample.OutOfRegion(c), p => p with { Document = p.Document with { Issuer = null } }), "1234-Укажите дату и УФМС ДУЛ" },
        { "passport-series", c => Patient(Sample.OutOfRegion(c), p => p with { Document = p.Document with { Series = "0512" } }), "1234-Серия паспрота не в формате 99 99: 0512" },
        { "passport-number", c => Patient(Sample.OutOfRegion(c), p => p with { Document = p.Document with { Number = "34567" } }), "1234-Номер паспорта не 6 цифр" },
        { "attachment", c => Patient(c, p => p with { AttachmentMoShortCode = "2281" }), "1234-Неверный код МО прикрепления пациента: 2281" },
        { "appointment-missing", c => c with { Appointment = null }, "Для профиля: 78 нет специальных услуг" },
        { "pmu-missing", c => c with { Services = [] }, "1234- ошибка ПМУ: нет тарифа, кода подр или кода спец" },
        { "pmu-untariffed", c => c with { Services = [c.Services[0] with { Tariff = null }] }, "1234- ошибка ПМУ: нет тарифа, кода подр или кода спец" },
        { "tag-missing", c => c with { VisitPol = null, VisitHome = 1 }, "1234-Нет тега: visit_pol в талоне" },
        { "encoding", c => Patient(c, p => p with { Fam = "ИВАНОВА\u01C4" }), "1234-символ не кодируется в windows-1251: FAM" },
        { "control-character", c => Policy(c, p => p with { SmoName = "СМО\nАльянс" }), "1234-недопустимый управляющий символ: SMO_NAM" },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void A_failing_rule_excludes_the_visit_with_its_exact_message(string rule, Func<RegistryCase, RegistryCase> change, string message)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(message, Sample.Message(change(Sample.Case)));
    }

    public static TheoryData<string, Func<RegistryCase, RegistryCase>> Passing => new()
    {
        { "the illustrative record", c => c },
        { "vpolis-1 with series and number", c => Policy(c, p => p with { Type = 1, Series = "ЯА", Number = "123456" }) },
        { "vpolis-2 of 9 characters", c => Policy(c, p => p with { Type = 2, Number = "067086168" }) },
        { "no SMO but an insurer OGRN", c => Sample.OutOfRegion(c) },
        { "referral number of 15 characters", c => c with { Referral = c.Referral! with { Number = "228000123456789" } } },
        { "referral number of 9 characters", c => c with { Referral = c.Referral! with { Number = "228000123" } } },
        { "a Z diagnosis needs no C_ZAB", c => c with { Ds1 = "z01.8", CZab = null } },
        { "SNILS of 11 digits", c => c with { DoctorSnils = "12217415917" } },
        { "SNILS with a space", c => c with { DoctorSnils = "122-174-159 17" } },
        { "SNILS with four dashes", c => c with { DoctorSnils = "156-789-012-34" } },
        { "a non-diagnostic specialty with another purpose and no PMU", c => c with { Specialty = new RegistrySpecialty(27, 97), Purpose = 1, Services = [] } },
        { "SOC 35", c => Patient(c, p => p with { Soc = 35 }) },
        { "SOC 65", c => Patient(c, p => p with { Soc = 65 }) },
        { "SOC null", c => Patient(c, p => p with { Soc = null }) },
        { "a local ENP holder without a DUL", c => Patient(c, p => p with { Document = new RegistryDocument() }) },
        { "a male name and sex", c => Patient(c, p => p with { Im = "Сергей", Sex = "м" }) },
        { "a purpose of 0 becomes 2 for a non-diagnostic visit", c => c with { Specialty = new RegistrySpecialty(27, 97), Purpose = 0 } },
    };

    [Theory]
    [MemberData(nameof(Passing))]
    public void A_visit_that_satisfies_the_rule_passes(string what, Func<RegistryCase, RegistryCase> change)
    {
        Assert.NotEmpty(what);
        Assert.Empty(new Primorye25Format().Check(change(Sample.Case), Sample.Mo));
    }

    [Fact]
    public void Only_the_first_failing_rule_is_reported()
    {
        var both = Sample.Case with { OpenDate = null, Ds1 = null };

        Assert.Equal("1234-Нет даты талона", Sample.Message(both));
    }

    [Fact]
    public void The_name_and_sex_check_runs_in_check_mode_only()
    {
        var c = Patient(Sample.Case, p => p with { Im = "СЕРГЕЙ" });

        Assert.Null(Sample.Lines(c).Problem);
        Assert.Equal("sex-name", Sample.Lines(c, check: true).Problem!.Code);
    }

    [Fact]
    public void A_missing_or_unknown_sex_names_the_field_in_a_pack()
    {
        Assert.Equal("1234-Не указан пол пациента", Sample.Lines(Patient(Sample.Case, p => p with { Sex = null })).Problem!.Message);
        Assert.Equal("1234-Неверный пол пациента: x", Sample.Lines(Patient(Sample.Case, p => p with { Sex = "x" })).Problem!.Message);
    }

    [Fact]
    public void Problems_carry_a_stable_code_and_the_field()
    {
        var problem = Assert.Single(new Primorye25Format().Check(Sample.Case with { OpenDate = Jan12.AddDays(1) }, Sample.Mo));

        Assert.Equal(new CaseProblem("date-order", "DATE_2", "1234-Дата 1 больше даты 2"), problem);
    }

    [Theory]
    [InlineData("СЕРГЕЙ", true)]
    [InlineData("ИРИНА", false)]
    [InlineData("Авдотий", false)]
    [InlineData("Пётр", true)]
    public void Gender_comes_from_the_first_name_list(string name, bool male)
    {
        Assert.True(Checks.MaleNames.Count > 10);
        Assert.Equal(male, Checks.MaleNames.Contains(name));
    }

    internal static RegistryCase Policy(RegistryCase c, Func<RegistryPolicy, RegistryPolicy> change) =>
        c with { Patient = c.Patient with { Policy = change(c.Patient.Policy) } };

    internal static RegistryCase Patient(RegistryCase c, Func<RegistryPatient, RegistryPatient> change) =>
        c with { Patient = change(c.Patient) };
}
