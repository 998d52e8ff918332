using System.Text.RegularExpressions;
using Omslite.Hub.Api;

namespace Omslite.Hub.Patients;

/// <summary>The reference data a card is checked against, loaded once per save.</summary>
public sealed record PatientCheckContext(
    string CardNumberPattern,
    DateOnly Today,
    DulTypeInfo? DulType);

/// <summary>An F011 entry: whether the type exists and its series/number masks.</summary>
public sealed record DulTypeInfo(bool Known, string? SeriesMask, string? NumberMask);

/// <summary>A card and what it is checked against.</summary>
public sealed record PatientCheck(PatientFields Card, PatientCheckContext Context);

/// <summary>The card rules of ui.md §3.3 "Validation on Сохранить", one rule each, in the original's order.</summary>
public static class PatientRules
{
    public const string DefaultCardNumberPattern = "^[0-9]{1,7}$";

    public static readonly IReadOnlyList<Rule<PatientCheck>> All =
    [
        new("card-number", c => c.Card.CardNumber switch
        {
            null => [new FieldError("cardNumber", "Пустой номер карты")],
            var n when long.TryParse(n, out var value) && value == 0 => [new FieldError("cardNumber", "Недопустимый номер карты")],
            _ => [],
        }),
        Rule<PatientCheck>.When("card-number-template",
            c => c.Card.CardNumber is { } n && !MatchesTemplate(c.Context.CardNumberPattern, n),
            "cardNumber", "Номер карты не соответствует шаблону"),
        Rule<PatientCheck>.When("name", c => c.Card.Fam is null && c.Card.Im is null, "fam", "Укажите Фамилию или Имя"),
        Rule<PatientCheck>.When("birth-date",
            c => c.Card.BirthDate is not { } d || d < new DateOnly(1900, 1, 1) || d > new DateOnly(c.Context.Today.Year - 3, 12, 31),
            "birthDate", "Возраст пациента должен быть в диапазоне от 3 до 120 лет"),
        Rule<PatientCheck>.When("sex", c => c.Card.Sex is not ("м" or "ж"), "sex", "Не указан пол"),
        Rule<PatientCheck>.When("dul-for-policy",
            c => c.Card.PolicyType is PolicyKind.Old or PolicyKind.TemporaryCertificate && c.Card.DulType is null,
            "dulType", "Для этого типа полиса заполните ДУЛ"),
        new("dul-complete", c => c.Card.DulType is null ? [] : MissingDulParts(c.Card)),
        Rule<PatientCheck>.When("dul-type-known",
            c => c.Card.DulType is not null && c.Context.DulType is not { Known: true },
            "dulType", "Неизвестный тип документа (F011)"),
        new("dul-masks", c => c.Card.DulType is null || c.Context.DulType is not { Known: true } info ? [] : MaskProblems(c.Card, info)),
        Rule<PatientCheck>.When("policy-type", c => c.Card.PolicyType == PolicyKind.Unknown, "policyNumber", "Неизвестный тип полиса"),
        Rule<PatientCheck>.When("policy-digits",
            c => c.Card.PolicyType is PolicyKind.Enp or PolicyKind.TemporaryCertificate && !c.Card.PolicyNumber!.All(char.IsAsciiDigit),
            "policyNumber", "Номер полиса должен состоять из цифр (ЕНП 16 цифр, временное свидетельство 9 цифр)"),
        Rule<PatientCheck>.When("insurer", c => c.Card.Smo is null && c.Card.SmoOkato is null, "smo", "Укажите либо СМО либо СМО ОКАТО"),
        Rule<PatientCheck>.When("city-for-street", c => c.Card.Street is not null && c.Card.City is null, "city", "Укажите город"),
        Rule<PatientCheck>.When("snils", c => c.Card.Snils is { } s && (s.Length != 11 || !s.All(char.IsAsciiDigit)), "snils", "СНИЛС: 11 цифр"),
        Rule<PatientCheck>.When("ufms-code", c => c.Card.UfmsCode is { } u && (u.Length != 6 || !u.All(char.IsAsciiDigit)), "ufmsCode", "Код УФМС: 6 цифр"),
    ];

    private static IEnumerable<FieldError> MissingDulParts(PatientFields card)
    {
        if (card.DulSeries is null)
        {
            yield return new FieldError("dulSeries", "Нет серии ДУЛ");
        }

        if (card.DulNumber is null)
        {
            yield return new FieldError("dulNumber", "Нет номера ДУЛ");
        }

        if (card.DulDate is null)
        {
            yield return new FieldError("dulDate", "Нет даты ДУЛ");
        }

        if (card.DulIssuer is null)
        {
            yield return new FieldError("dulIssuer", "Кем выдан ДУЛ ?");
        }
    }

    private static IEnumerable<FieldError> MaskProblems(PatientFields card, DulTypeInfo info)
    {
        if (info.SeriesMask is { Length: > 0 } series && card.DulSeries is { } s && !DocumentMask.Matches(series, s))
        {
            yield return new FieldError("dulSeries", $"Серия ДУЛ не соответствует шаблону «{series}»");
        }

        if (info.NumberMask is { Length: > 0 } number && card.DulNumber is { } n && !DocumentMask.Matches(number, n))
        {
            yield return new FieldError("dulNumber", $"Номер ДУЛ не соответствует шаблону «{number}»");
        }
    }

    private static bool MatchesTemplate(string pattern, string cardNumber)
    {
        try
        {
            return Regex.IsMatch(cardNumber, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
