using Dapper;

namespace Omslite.Hub.ReferenceBooks.Api.Search;

/// <summary>
/// The SQL condition of a book's <c>?q=</c>: the text (and its other-layout readings when the book asks) as a code
/// prefix or a name part, case-insensitive. The text only ever travels as a parameter, with the LIKE wildcards
/// escaped, so "%", "_" and quotes are searched for literally.
/// </summary>
public static class TextSearch
{
    public static string Condition(BookSearch search, string q, DynamicParameters parameters)
    {
        var variants = search.AnyLayout ? KeyboardLayout.Variants(q) : [q];
        var matches = new List<string>();
        for (var i = 0; i < variants.Count; i++)
        {
            var literal = EscapeLike(variants[i]);
            parameters.Add($"qPrefix{i}", literal + "%");
            parameters.Add($"qPart{i}", "%" + literal + "%");
            matches.AddRange(search.Codes.Select(code => $"upper({code}) like upper(@qPrefix{i})"));
            matches.AddRange(search.Names.Select(name => $"lower({name}) like lower(@qPart{i})"));
        }

        return matches.Count == 0 ? "false" : "(" + string.Join(" or ", matches) + ")";
    }

    /// <summary>The text with PostgreSQL's LIKE wildcards and its escape character (backslash) escaped.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
