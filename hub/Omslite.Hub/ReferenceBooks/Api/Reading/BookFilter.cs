using System.Globalization;
using Omslite.Hub.Api;

namespace Omslite.Hub.ReferenceBooks.Api.Reading;

/// <summary>
/// The book-specific query parameters: <c>asOf=YYYY-MM-DD</c> (rows valid on that date; for tariffs, the version
/// in force), <c>version=</c> (a tariff version id) and <c>n=</c> (a number lower bound: PMU short number, group id).
/// </summary>
public sealed record BookFilter(DateOnly? AsOf, int? Version, int? AtLeast)
{
    public static readonly BookFilter None = new(null, null, null);

    /// <summary>The filter of a request, or the 400 answer naming the malformed parameter.</summary>
    public static (BookFilter? Filter, IResult? Problem) From(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        var asOf = Parse(query, "asOf", errors, "Дата должна быть в формате ГГГГ-ММ-ДД", Date);
        var version = Parse(query, "version", errors, "Версия тарифов — целое число", Integer);
        var atLeast = Parse(query, "n", errors, "Номер — целое число", Integer);
        return errors.Count > 0 ? (null, ApiError.Invalid(errors)) : (new BookFilter(asOf, version, atLeast), null);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? Integer(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static T? Parse<T>(IQueryCollection query, string name, List<FieldError> errors, string message, Func<string, T?> parse)
        where T : struct
    {
        var text = query[name].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var value = parse(text);
        if (value is null)
        {
            errors.Add(new FieldError(name, message));
        }

        return value;
    }
}
