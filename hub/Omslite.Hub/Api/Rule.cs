namespace Omslite.Hub.Api;

/// <summary>
/// One validation rule: a stable id (named in tests and docs) and a check that yields the problems it finds, each
/// with its Russian message at a field. Rules are small and independent; a rule set runs them all so the user sees
/// every problem at once.
/// </summary>
public sealed record Rule<T>(string Id, Func<T, IEnumerable<FieldError>> Check)
{
    public static Rule<T> When(string id, Func<T, bool> violated, string field, string message) =>
        new(id, subject => violated(subject) ? [new FieldError(field, message)] : []);
}

public static class RuleSet
{
    public static IReadOnlyList<FieldError> Run<T>(IEnumerable<Rule<T>> rules, T subject) =>
        rules.SelectMany(rule => rule.Check(subject)).ToList();
}
