using Omslite.Hub.Api;

namespace Omslite.Hub.Templates;

public sealed record TemplateCheck(TemplateFields Template, bool IstFinKnown, bool PurposeKnown, bool DoctorKnown);

/// <summary>ui.md §3.6 "Validation": the name, then the payment, purpose and doctor rules of a visit.</summary>
public static class TemplateRules
{
    public static readonly IReadOnlyList<Rule<TemplateCheck>> All =
    [
        Rule<TemplateCheck>.When("name",
            c => c.Template.Name?.Trim().Split(' ')[0] is not { Length: >= 4 },
            "name", "Имя шаблона не менее 4 символов без пробелов"),
        Rule<TemplateCheck>.When("payment", c => !c.IstFinKnown, "istFin", "Укажите способ оплаты"),
        Rule<TemplateCheck>.When("purpose", c => !c.PurposeKnown, "purpose", "Укажите цель"),
        Rule<TemplateCheck>.When("doctor", c => !c.DoctorKnown, "docCode", "Укажите доктора"),
    ];
}
