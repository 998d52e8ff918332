using System.Text;
using System.Text.Json.Nodes;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>
/// The block YAML a compose file is written in — mappings, sequences, plain and quoted scalars, flow sequences of
/// scalars, comments — read into JSON nodes (every scalar a string). Anything else (tabs, a wrong indentation, a
/// duplicate key, an unclosed quote) is a <see cref="FormatException"/> naming the line. Enough to check our own
/// docker-compose.yml without a YAML package (docs/dependencies.md).
/// </summary>
public static class MiniYaml
{
    private sealed record Line(int Number, int Indent, string Text);

    public static JsonNode Parse(string yaml)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in yaml.ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            var text = StripComment(raw, number).TrimEnd();
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var indent = text.Length - text.TrimStart(' ').Length;
            if (text[indent] == '\t')
            {
                throw new FormatException($"line {number}: a tab in the indentation");
            }

            lines.Add(new Line(number, indent, text[indent..]));
        }

        var position = 0;
        var root = lines.Count == 0 ? new JsonObject() : Block(lines, ref position, lines[0].Indent);
        if (position < lines.Count)
        {
            throw new FormatException($"line {lines[position].Number}: unexpected indentation");
        }

        return root;
    }

    private static JsonNode Block(List<Line> lines, ref int i, int indent) =>
        IsItem(lines[i].Text) ? Sequence(lines, ref i, indent) : Mapping(lines, ref i, indent);

    private static JsonObject Mapping(List<Line> lines, ref int i, int indent)
    {
        var map = new JsonObject();
        while (i < lines.Count && lines[i].Indent == indent && !IsItem(lines[i].Text))
        {
            var line = lines[i++];
            var colon = KeySeparator(line.Text) ?? throw new FormatException($"line {line.Number}: expected 'key: value'");
            var key = Unquote(line.Text[..colon].Trim(), line.Number);
            var rest = line.Text[(colon + 1)..].Trim();
            if (map.ContainsKey(key))
            {
                throw new FormatException($"line {line.Number}: duplicate key '{key}'");
            }

            map[key] = rest.Length > 0 ? Scalar(rest, line.Number)
                : i < lines.Count && (lines[i].Indent > indent || (lines[i].Indent == indent && IsItem(lines[i].Text))) ? Block(lines, ref i, lines[i].Indent)
                : null;
        }

        if (i < lines.Count && lines[i].Indent > indent)
        {
            throw new FormatException($"line {lines[i].Number}: unexpected indentation");
        }

        return map;
    }

    private static JsonArray Sequence(List<Line> lines, ref int i, int indent)
    {
        var list = new JsonArray();
        while (i < lines.Count && lines[i].Indent == indent && IsItem(lines[i].Text))
        {
            var line = lines[i];
            var rest = line.Text[1..].TrimStart();
            var itemIndent = indent + (line.Text.Length - rest.Length);
            if (rest.Length == 0)
            {
                i++;
                list.Add(i < lines.Count && lines[i].Indent > indent ? Block(lines, ref i, lines[i].Indent) : null);
            }
            else if (KeySeparator(rest) is not null && rest[0] is not '"' and not '\'' and not '[')
            {
                // "- key: value" starts a mapping whose keys line up with "key".
                lines[i] = new Line(line.Number, itemIndent, rest);
                list.Add(Mapping(lines, ref i, itemIndent));
            }
            else
            {
                i++;
                list.Add(Scalar(rest, line.Number));
            }
        }

        return list;
    }

    private static JsonNode Scalar(string text, int number)
    {
        if (!text.StartsWith('['))
        {
            return JsonValue.Create(Unquote(text, number))!;
        }

        if (!text.EndsWith(']'))
        {
            throw new FormatException($"line {number}: unclosed flow sequence");
        }

        var items = new JsonArray();
        foreach (var item in SplitOutsideQuotes(text[1..^1], ',', number).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            items.Add(JsonValue.Create(Unquote(item, number)));
        }

        return items;
    }

    private static string Unquote(string text, int number)
    {
        if (text.Length == 0 || (text[0] != '"' && text[0] != '\''))
        {
            return text;
        }

        var quote = text[0];
        if (text.Length < 2 || text[^1] != quote)
        {
            throw new FormatException($"line {number}: unclosed quote");
        }

        var body = text[1..^1];
        if (quote == '\'')
        {
            return body.Replace("''", "'");
        }

        var result = new StringBuilder();
        for (var k = 0; k < body.Length; k++)
        {
            if (body[k] != '\\')
            {
                result.Append(body[k]);
                continue;
            }

            if (++k == body.Length)
            {
                throw new FormatException($"line {number}: a lone backslash");
            }

            result.Append(body[k] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var c => c });
        }

        return result.ToString();
    }

    private static bool IsItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>The colon that ends a key: followed by a space or the end of the line, outside quotes.</summary>
    private static int? KeySeparator(string text)
    {
        var offset = 0;
        foreach (var part in SplitOutsideQuotes(text, ':', 0))
        {
            offset += part.Length;
            if (offset < text.Length && (offset + 1 == text.Length || text[offset + 1] == ' '))
            {
                return offset;
            }

            offset++;
        }

        return null;
    }

    private static List<string> SplitOutsideQuotes(string text, char separator, int number)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (var k in Unquoted(text, k => k == start || text[k - 1] == ' ' || text[k - 1] == separator, number))
        {
            if (text[k] == separator)
            {
                parts.Add(text[start..k]);
                start = k + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string StripComment(string line, int number)
    {
        foreach (var k in Unquoted(line, k => k == 0 || " [,:-".Contains(line[k - 1]), number))
        {
            if (line[k] == '#' && (k == 0 || line[k - 1] == ' '))
            {
                return line[..k];
            }
        }

        return line;
    }

    /// <summary>The positions of <paramref name="text"/> outside quoted scalars (a quote opens only where
    /// <paramref name="mayOpen"/> says a scalar may start); an unclosed quote is an error.</summary>
    private static IEnumerable<int> Unquoted(string text, Func<int, bool> mayOpen, int number)
    {
        char? quote = null;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (quote is not null)
            {
                if (c == '\\' && quote == '"')
                {
                    k++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'' && mayOpen(k))
            {
                quote = c;
            }
            else
            {
                yield return k;
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"line {number}: unclosed quote");
        }
    }
}
