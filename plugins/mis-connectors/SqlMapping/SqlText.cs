using System.Text;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>Helpers for the text of mapping statements.</summary>
internal static class SqlText
{
    /// <summary>
    /// The statement without its <c>--</c> and <c>/* */</c> comments (string literals and quoted names kept), so
    /// that a parameter named in a comment is not taken for a real one (the Firebird driver would).
    /// </summary>
    public static string StripComments(string sql)
    {
        var text = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < sql.Length && sql[end] != c)
                {
                    end++;
                }

                // A doubled quote inside a literal is part of it: go on to the real closing quote.
                while (end + 1 < sql.Length && sql[end + 1] == c)
                {
                    end += 2;
                    while (end < sql.Length && sql[end] != c)
                    {
                        end++;
                    }
                }

                text.Append(sql, i, Math.Min(end + 1, sql.Length) - i);
                i = end;
            }
            else if (c == '-' && next == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                text.Append('\n');
            }
            else if (c == '/' && next == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
                text.Append(' ');
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
