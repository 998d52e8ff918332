using System.Text.RegularExpressions;

namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>The field rules several books share.</summary>
public static class FieldChecks
{
    public static Func<object, string?> Positive(string message) => value => value is int n && n > 0 ? null : message;

    public static Func<object, string?> NotNegative(string message) => value => value is decimal d && d >= 0 ? null : message;

    /// <summary>The whole text matches <paramref name="pattern"/>.</summary>
    public static Func<object, string?> Matches(string pattern, string message)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return value => regex.IsMatch((string)value) ? null : message;
    }

    /// <summary>Digit groups as people write them ("123-456-789 01") without the spaces and dashes.</summary>
    public static object WithoutSeparators(object value) => ((string)value).Replace(" ", "").Replace("-", "");

    /// <summary>
    /// The field's code is in a federal book; the rule holds while the book is not imported yet (a code is refused
    /// only when the book has rows and none with that code).
    /// </summary>
    public static MustExist InFederalBook(string field, string book, string label) =>
        new(
            field,
            $"""
            select not exists(select 1 from nsi_entry where book = '{book}')
                or exists(select 1 from nsi_entry where book = '{book}' and code = @value::text)
            """,
            $"{label} {{{field}}} нет в справочнике {book}");

    /// <summary>The field names a local specialty of the caller's MO.</summary>
    public static MustExist InLocalSpecialties(string field) =>
        new(
            field,
            "select exists(select 1 from local_specialty where mo_id = @mo and spec = @value)",
            $"Специальность {{{field}}} не найдена в справочнике «Специальности»");
}
