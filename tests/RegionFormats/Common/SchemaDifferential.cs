using System.Text;
using System.Text.RegularExpressions;
using Omslite.RegionFormats.RegistryXml.Writing;
using Omslite.RegionFormats.RegistryXml.Writing.Compiled;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Tests;

/// <summary>
/// The differential test of the compiled validator against .NET's validating reader (the pack's authoritative
/// validation, <see cref="Schemas.Validate"/>): many mutations of a valid written document — elements dropped,
/// duplicated, swapped, renamed, emptied, moved; every simple value replaced by odd and bad values; random byte edits
/// — each run through both. The compiled validator may refuse more than the reader, never less.
/// </summary>
internal sealed partial class SchemaDifferential(Schemas schemas, string schema)
{
    private static readonly Encoding Cp1251 = Illustrative.Cp1251;

    /// <summary>Values tried in place of every simple value: the types' edges (lengths, digits, decimals, the fixed
    /// values, dates that do not exist or carry a time zone) and what the written form excludes.</summary>
    private static readonly string[] OddValues =
    [
        "", " ", "\n", "0", "1", "2", "3", "4", "7", "9", "00", "01", "10", "12", "13", "123", "000", "035", "1234", "2026", "1999", "2100", "20x6",
        "2.1", "2.10", "0.0", "12.", ".5", "1.5.1", "2189.50", "2189.5", "2189.500", "-1", "+1", "1 ", " 1", "1\t", "1e3", "a", "x", "Ы", "ЯА",
        "V021", "V022", "v021", "6.0", "5.0", "3.2", "6.00", " 6.0", "250796", "796", "79", "7960", "12345678901", "1234567890", "123456789012",
        "2512345678901234", "251234567890123", "25123456789012345", "2026-01-12", "2025-02-30", "2024-02-29", "2025-02-29", "1900-02-29",
        "2000-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-12", "2026-01-12Z", "2026-01-12+03:00", " 2026-01-12", "2026-01-12 ",
        "0999-01-01", "1000-01-01", "9999-12-31", "20260112", "2026-01-32", "2026/01/12", "&amp;", "A&amp;B", "&lt;1&gt;", "1&amp;", "&#49;",
        "a b", "05 12", new string('9', 36), new string('9', 37), new string('Ж', 250), new string('Ж', 251), new string('1', 15) + ".00",
        new string('1', 16) + ".00",
    ];

    /// <summary>Whether the compiled validator confirms the document.</summary>
    public bool Confirms(byte[] document) =>
        CompiledXmlValidator.Confirms(schemas.Automata(schema) ?? throw new InvalidOperationException($"{schema} is not compiled"), document);

    /// <summary>Whether the validating reader accepts the document.</summary>
    public bool ReaderAccepts(byte[] document)
    {
        try
        {
            schemas.Validate([new SchemaDocument(schema, "test.xml", () => new MemoryStream(document, false), l => l, _ => null)], default);
            return true;
        }
        catch (RegionFormatException)
        {
            return false;
        }
    }

    /// <summary>Both verdicts of every mutation of <paramref name="text"/>, by kind of mutation.</summary>
    public IReadOnlyList<Verdict> Run(string text, int randomEdits = 600)
    {
        var verdicts = new List<Verdict>();
        void Try(string kind, string what, string mutated)
        {
            if (Encodable(mutated) && mutated != text)
            {
                var bytes = Cp1251.GetBytes(mutated);
                verdicts.Add(new Verdict(kind, what, mutated, Confirms(bytes), ReaderAccepts(bytes)));
            }
        }

        var elements = Elements(text);
        foreach (var e in elements)
        {
            var whole = text[e.Start..e.End];
            Try("structure", $"drop {e.Name}", text.Remove(e.Start, e.End - e.Start));
            Try("structure", $"duplicate {e.Name}", text.Insert(e.End, whole));
            Try("structure", $"rename {e.Name}", Rename(text, e, e.Name + "X"));
            if (e.Simple)
            {
                Try("structure", $"empty {e.Name}", text[..e.Start] + $"<{e.Name}></{e.Name}>" + text[e.End..]);
                Try("structure", $"self-closing {e.Name}", text[..e.Start] + $"<{e.Name}/>" + text[e.End..]);
            }

            if (elements.FirstOrDefault(n => n.Start == e.End) is { } next)
            {
                Try("structure", $"swap {e.Name} {next.Name}", text[..e.Start] + text[next.Start..next.End] + whole + text[next.End..]);
                Try("structure", $"rename {e.Name} to {next.Name}", Rename(text, e, next.Name));
                if (!next.Simple)
                {
                    // The element moved into its next sibling, as that one's first child.
                    var into = next.Start + next.Name.Length + 2;
                    Try("structure", $"move {e.Name} into {next.Name}", text[..e.Start] + text[e.End..into] + whole + text[into..]);
                }
            }

            if (elements.FirstOrDefault(p => p.End == e.End + p.Name.Length + 3 && p.Start < e.Start) is { } parent)
            {
                // The last child moved after its parent.
                Try("structure", $"move {e.Name} out of {parent.Name}", text[..e.Start] + text[e.End..parent.End] + whole + text[parent.End..]);
            }
        }

        foreach (var e in elements.Where(e => e.Simple).DistinctBy(e => (e.Parent, e.Name)))
        {
            foreach (var value in OddValues.Append(text[e.ContentStart..e.ContentEnd] + "0").Append(text[(e.ContentStart + 1)..e.ContentEnd]))
            {
                Try("value", $"{e.Parent}/{e.Name} = \"{value}\"", text[..e.ContentStart] + value + text[e.ContentEnd..]);
            }

            if (e.Name is "DOST" or "DOST_P")
            {
                var whole = text[e.Start..e.End];
                for (var copies = 1; copies <= 3; copies++)
                {
                    Try("structure", $"{copies + 1} {e.Name}", text.Insert(e.End, string.Concat(Enumerable.Repeat(whole, copies))));
                }
            }
        }

        var random = new Random(text.Length);
        const string alphabet = "<>/&;\n 0123456789.-AZ_Ж";
        for (var i = 0; i < randomEdits; i++)
        {
            var at = random.Next(text.Length);
            var mutated = random.Next(3) switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, alphabet[random.Next(alphabet.Length)].ToString()),
                _ => text[..at] + alphabet[random.Next(alphabet.Length)] + text[(at + 1)..],
            };
            Try("random", $"edit at {at}", mutated);
        }

        return verdicts;
    }

    private static string Rename(string text, Element e, string name) =>
        text[..e.Start] + $"<{name}>" + text[(e.Start + e.Name.Length + 2)..(e.End - e.Name.Length - 3)] + $"</{name}>" + text[e.End..];

    private static bool Encodable(string text)
    {
        try
        {
            Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The elements of a written document: name, parent's name, where it starts and ends, where its content
    /// starts and ends, whether it holds a value (no child).</summary>
    private static List<Element> Elements(string text)
    {
        var elements = new List<Element>();
        var open = new Stack<(string Name, int Start, int ContentStart, bool Simple)>();
        foreach (Match m in Tag().Matches(text))
        {
            if (m.Groups[1].Value == "")
            {
                if (open.TryPeek(out var parent))
                {
                    open.Pop();
                    open.Push(parent with { Simple = false });
                }

                open.Push((m.Groups[2].Value, m.Index, m.Index + m.Length, true));
                continue;
            }

            var (name, start, contentStart, simple) = open.Pop();
            var parentName = open.TryPeek(out var p) ? p.Name : "";
            elements.Add(new Element(name, parentName, start, m.Index + m.Length, contentStart, m.Index, simple));
        }

        return [.. elements.OrderBy(e => e.Start)];
    }

    [GeneratedRegex("<(/?)([A-Za-z_0-9]+)>")]
    private static partial Regex Tag();

    private sealed record Element(string Name, string Parent, int Start, int End, int ContentStart, int ContentEnd, bool Simple);

    /// <summary>One mutation and both verdicts.</summary>
    public sealed record Verdict(string Kind, string What, string Document, bool Confirmed, bool ReaderAccepted)
    {
        public override string ToString() => $"{Kind}: {What} (compiled {(Confirmed ? "confirms" : "refuses")}, reader {(ReaderAccepted ? "accepts" : "refuses")})";
    }
}
