namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// Translates an XSD pattern of a small, exactly understood subset into a <see cref="ByteDfa"/>. An XSD pattern is a
/// regular expression matched against the whole value (implicitly anchored), with its own syntax: <c>^</c> and
/// <c>$</c> are literals, <c>\d</c> is any Unicode digit, classes can be subtracted (<c>[a-z-[aeiou]]</c>), <c>.</c>
/// is any character but line ends. Rather than mapping that onto another engine, the subset is compiled into an
/// automaton of our own, and everything outside it is refused (<see cref="UnsupportedSchemaException"/>):
/// <list type="bullet">
/// <item>literals: printable ASCII except the metacharacters and <c>^ $ &lt; &gt; &amp;</c> and space (so a value
/// with a control character, a space, an entity or a non-ASCII character never matches — it is not confirmed);</item>
/// <item>single-character escapes of the metacharacters (<c>\.</c>, <c>\-</c>, …); no <c>\d \s \w \p{…}</c>;</item>
/// <item>classes of those characters and ranges of them (<c>[0-9]</c>, <c>[12]</c>), not negated, not subtracted;</item>
/// <item>groups, alternation, and the quantifiers <c>? * + {n} {n,} {n,m}</c> (n, m up to 1000).</item>
/// </list>
/// Within that subset XSD and the validating reader agree: the language is regular and matched whole.
/// </summary>
internal sealed class PatternCompiler
{
    private const int MaxRepeat = 1000;
    private const int MaxNfaStates = 20_000;
    private const int MaxDfaStates = 2_000;
    private const string Metacharacters = @"\|.-^?*+{}()[]$";

    private readonly List<List<(UInt128 Set, int To)>> _edges = [];
    private readonly List<List<int>> _empty = [];
    private string _pattern = "";
    private int _at;

    /// <summary>The automaton of a value that matches any one of <paramref name="patterns"/> (the patterns of one
    /// restriction step are alternatives).</summary>
    /// <exception cref="UnsupportedSchemaException">A pattern is outside the subset.</exception>
    public static ByteDfa Compile(IReadOnlyList<string> patterns)
    {
        // Each pattern is parsed on its own (joining their texts could let one pattern's parentheses pair with
        // another's), then the automata are joined.
        var compiler = new PatternCompiler();
        var (start, end) = (compiler.State(), compiler.State());
        foreach (var pattern in patterns)
        {
            (compiler._pattern, compiler._at) = (pattern, 0);
            var (s, e) = compiler.Alternation();
            if (compiler._at != pattern.Length)
            {
                throw Unsupported(pattern, "an unbalanced ')'");
            }

            compiler.Empty(start, s);
            compiler.Empty(e, end);
        }

        return compiler.Determinize(start, end);
    }

    private (int Start, int End) Alternation()
    {
        var (start, end) = Branch();
        while (Peek() == '|')
        {
            _at++;
            var (s2, e2) = Branch();
            var (s, e) = (State(), State());
            Empty(s, start);
            Empty(s, s2);
            Empty(end, e);
            Empty(e2, e);
            (start, end) = (s, e);
        }

        return (start, end);
    }

    private (int Start, int End) Branch()
    {
        var start = State();
        var end = start;
        while (Peek() is { } c && c != '|' && c != ')')
        {
            var atomAt = _at;
            var first = Atom();
            var atomEnd = _at;
            var (min, max) = Quantifier();
            var after = _at;
            var copies = 0;

            // Each copy of a repeated atom is compiled again from its text: a built fragment cannot be copied.
            (int Start, int End) Copy()
            {
                if (copies++ == 0)
                {
                    return first;
                }

                _at = atomAt;
                var copy = Atom();
                _at = atomEnd;
                return copy;
            }

            for (var k = 0; k < min; k++)
            {
                var (s, e) = Copy();
                Empty(end, s);
                end = e;
            }

            if (max < 0)
            {
                // Any number more: a loop state that may enter the atom again or go on.
                var (s, e) = Copy();
                var loop = State();
                Empty(end, loop);
                Empty(loop, s);
                Empty(e, loop);
                end = loop;
            }
            else
            {
                for (var k = min; k < max; k++)
                {
                    var (s, e) = Copy();
                    var skip = State();
                    Empty(end, s);
                    Empty(end, skip);
                    Empty(e, skip);
                    end = skip;
                }
            }

            _at = after;
        }

        return (start, end);
    }

    private (int Start, int End) Atom()
    {
        var c = Next();
        switch (c)
        {
            case '(':
                if (Peek() == '?')
                {
                    throw Unsupported(_pattern, "a '(?' group");
                }

                var group = Alternation();
                if (Next() != ')')
                {
                    throw Unsupported(_pattern, "an unclosed group");
                }

                return group;
            case '[':
                return Single(Class());
            case '\\':
                return Single(Bit(Escape()));
            default:
                if (Metacharacters.Contains(c))
                {
                    throw Unsupported(_pattern, $"the metacharacter '{c}'");
                }

                return Single(Bit(Literal(c)));
        }
    }

    /// <summary>A class of literals and ranges; no negation, no subtraction, no '-' but in a range.</summary>
    private UInt128 Class()
    {
        if (Peek() == '^')
        {
            throw Unsupported(_pattern, "a negated class");
        }

        UInt128 set = 0;
        while (Peek() != ']')
        {
            var from = ClassChar();
            if (Peek() == '-')
            {
                _at++;
                if (Peek() is '[' or ']')
                {
                    throw Unsupported(_pattern, "a class subtraction or a trailing '-'");
                }

                var to = ClassChar();
                if (to < from)
                {
                    throw Unsupported(_pattern, "a reversed range");
                }

                for (var x = from; x <= to; x++)
                {
                    set |= Bit(Literal(x));
                }
            }
            else
            {
                set |= Bit(Literal(from));
            }
        }

        _at++;
        if (set == 0)
        {
            throw Unsupported(_pattern, "an empty class");
        }

        return set;
    }

    private char ClassChar()
    {
        var c = Next();
        return c switch
        {
            '\\' => Escape(),
            '[' or ']' or '-' or '^' => throw Unsupported(_pattern, $"'{c}' inside a class"),
            _ => c,
        };
    }

    /// <summary>A single-character escape of a metacharacter; the multi-character ones (\d, \s, \p{…}) are refused.</summary>
    private char Escape()
    {
        var c = Next();
        return Metacharacters.Contains(c) ? c : throw Unsupported(_pattern, $"the escape '\\{c}'");
    }

    /// <summary>A character the subset can match: printable ASCII but space and what XML text escapes.</summary>
    private char Literal(char c) =>
        c is > ' ' and < (char)127 and not ('<' or '>' or '&') ? c : throw Unsupported(_pattern, $"the character U+{(int)c:X4}");

    private (int Min, int Max) Quantifier()
    {
        switch (Peek())
        {
            case '?':
                _at++;
                return (0, 1);
            case '*':
                _at++;
                return (0, -1);
            case '+':
                _at++;
                return (1, -1);
            case '{':
                _at++;
                var min = Number();
                var max = min;
                if (Peek() == ',')
                {
                    _at++;
                    max = Peek() == '}' ? -1 : Number();
                }

                if (Next() != '}' || (max >= 0 && max < min))
                {
                    throw Unsupported(_pattern, "a malformed quantifier");
                }

                return (min, max);
            default:
                return (1, 1);
        }
    }

    private int Number()
    {
        var start = _at;
        while (Peek() is >= '0' and <= '9')
        {
            _at++;
        }

        return _at > start && _at - start <= 4 && int.Parse(_pattern.AsSpan(start, _at - start)) is var n && n <= MaxRepeat
            ? n
            : throw Unsupported(_pattern, "a quantifier bound");
    }

    private char? Peek() => _at < _pattern.Length ? _pattern[_at] : null;

    private char Next() => _at < _pattern.Length ? _pattern[_at++] : throw Unsupported(_pattern, "an unexpected end");

    private static UInt128 Bit(char c) => UInt128.One << c;

    private (int Start, int End) Single(UInt128 set)
    {
        var (s, e) = (State(), State());
        _edges[s].Add((set, e));
        return (s, e);
    }

    private int State()
    {
        if (_edges.Count >= MaxNfaStates)
        {
            throw Unsupported(_pattern, "too many states");
        }

        _edges.Add([]);
        _empty.Add([]);
        return _edges.Count - 1;
    }

    private void Empty(int from, int to) => _empty[from].Add(to);

    /// <summary>The subset construction: each state of the automaton is a set of NFA states.</summary>
    private ByteDfa Determinize(int start, int end)
    {
        var sets = new List<SortedSet<int>> { StateSets.Closure([start], _empty) };
        var index = new Dictionary<string, int> { [StateSets.Key(sets[0])] = 0 };
        var next = new List<int>();
        for (var d = 0; d < sets.Count; d++)
        {
            var row = new int[256];
            Array.Fill(row, -1);
            for (var b = 1; b < 128; b++)
            {
                var target = new SortedSet<int>();
                foreach (var n in sets[d])
                {
                    foreach (var (set, to) in _edges[n])
                    {
                        if ((set & Bit((char)b)) != 0)
                        {
                            target.Add(to);
                        }
                    }
                }

                if (target.Count == 0)
                {
                    continue;
                }

                target = StateSets.Closure(target, _empty);
                var key = StateSets.Key(target);
                if (!index.TryGetValue(key, out var t))
                {
                    if (sets.Count >= MaxDfaStates)
                    {
                        throw Unsupported(_pattern, "too many automaton states");
                    }

                    t = sets.Count;
                    index[key] = t;
                    sets.Add(target);
                }

                row[b] = t;
            }

            next.AddRange(row);
        }

        return new ByteDfa([.. next], [.. sets.Select(s => s.Contains(end))]);
    }


    private static UnsupportedSchemaException Unsupported(string pattern, string what) =>
        new($"pattern '{pattern}': {what}");
}
