using System.Xml.Schema;

namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// Builds a <see cref="ContentModel"/> from a compiled content particle: a Thompson automaton of the particle
/// (sequences, nested sequences and groups, elements, each with its minOccurs/maxOccurs unrolled), then the subset
/// construction. Choices, <c>xs:all</c>, <c>xs:any</c>, element references and anything else are refused
/// (<see cref="UnsupportedSchemaException"/>): the shipped schemas do not use them, and an unsupported schema is
/// validated the exact way instead.
/// </summary>
internal sealed class ContentModelBuilder
{
    private const int MaxRepeat = 100;
    private const int MaxNfaStates = 20_000;
    private const int MaxStates = 4_000;

    private readonly ElementNames _names;
    private readonly Func<XmlSchemaElement, int> _element;
    private readonly List<List<(int Name, int Element, int To)>> _edges = [];
    private readonly List<List<int>> _empty = [];

    /// <param name="names">The schema's element names.</param>
    /// <param name="element">The index of a local element's declaration (compiled by the caller).</param>
    private ContentModelBuilder(ElementNames names, Func<XmlSchemaElement, int> element)
    {
        _names = names;
        _element = element;
    }

    /// <summary>The model of <paramref name="particle"/>. The element numbers of <paramref name="names"/> must be
    /// final: the model's rows are as wide as the names known when it is built, so the caller builds the models after
    /// every name is added.</summary>
    /// <exception cref="UnsupportedSchemaException">A construct outside the supported set.</exception>
    public static Func<ContentModel> Prepare(XmlSchemaParticle particle, ElementNames names, Func<XmlSchemaElement, int> element)
    {
        var builder = new ContentModelBuilder(names, element);
        var start = builder.State();
        var end = builder.Particle(particle, start);
        return () => builder.Determinize(start, end);
    }

    private int Particle(XmlSchemaParticle particle, int from)
    {
        var (min, max) = Occurs(particle);
        Func<int, int> once = particle switch
        {
            XmlSchemaElement { RefName.IsEmpty: false } => throw new UnsupportedSchemaException("an element reference"),
            XmlSchemaElement e => s => Element(e, s),
            XmlSchemaSequence seq => s => seq.Items.Cast<XmlSchemaObject>().Aggregate(s, (at, item) =>
                item is XmlSchemaParticle p ? Particle(p, at) : throw new UnsupportedSchemaException($"a {item.GetType().Name} in a sequence")),
            XmlSchemaGroupRef { Particle: { } group } => s => Particle(group, s),
            _ => throw new UnsupportedSchemaException($"the particle {particle.GetType().Name}"),
        };

        var end = from;
        for (var k = 0; k < min; k++)
        {
            end = once(end);
        }

        if (max < 0)
        {
            // Any number more: a loop state that may enter the particle again or go on.
            var loop = State();
            Empty(end, loop);
            Empty(once(loop), loop);
            return loop;
        }

        for (var k = min; k < max; k++)
        {
            var skip = State();
            Empty(end, skip);
            Empty(once(end), skip);
            end = skip;
        }

        return end;
    }

    private int Element(XmlSchemaElement element, int from)
    {
        if (!element.QualifiedName.Namespace.Equals("", StringComparison.Ordinal))
        {
            throw new UnsupportedSchemaException($"the namespace of element {element.QualifiedName}");
        }

        var to = State();
        _edges[from].Add((_names.Add(element.QualifiedName.Name), _element(element), to));
        return to;
    }

    /// <summary>minOccurs and maxOccurs (-1 for unbounded), small enough to unroll.</summary>
    private static (int Min, int Max) Occurs(XmlSchemaParticle particle)
    {
        var unbounded = particle.MaxOccurs == decimal.MaxValue;
        if (particle.MinOccurs > MaxRepeat || (!unbounded && particle.MaxOccurs > MaxRepeat) || particle.MaxOccurs < particle.MinOccurs)
        {
            throw new UnsupportedSchemaException($"occurrences {particle.MinOccurs}..{particle.MaxOccursString}");
        }

        return ((int)particle.MinOccurs, unbounded ? -1 : (int)particle.MaxOccurs);
    }

    private int State()
    {
        if (_edges.Count >= MaxNfaStates)
        {
            throw new UnsupportedSchemaException("a content model too large to unroll");
        }

        _edges.Add([]);
        _empty.Add([]);
        return _edges.Count - 1;
    }

    private void Empty(int from, int to) => _empty[from].Add(to);

    /// <summary>The subset construction. Two declarations of one name reachable from one state (which the schema
    /// compiler's "element declarations consistent" rule should already exclude) are refused.</summary>
    private ContentModel Determinize(int start, int end)
    {
        var width = _names.Count;
        var sets = new List<SortedSet<int>> { StateSets.Closure([start], _empty) };
        var index = new Dictionary<string, int> { [StateSets.Key(sets[0])] = 0 };
        var steps = new List<int>();
        for (var d = 0; d < sets.Count; d++)
        {
            var targets = new Dictionary<int, (int Element, SortedSet<int> To)>();
            foreach (var n in sets[d])
            {
                foreach (var (name, element, to) in _edges[n])
                {
                    if (!targets.TryGetValue(name, out var target))
                    {
                        targets[name] = target = (element, []);
                    }
                    else if (target.Element != element)
                    {
                        throw new UnsupportedSchemaException($"two declarations of {System.Text.Encoding.ASCII.GetString(_names[name])} in one place");
                    }

                    target.To.Add(to);
                }
            }

            var row = new int[width];
            Array.Fill(row, -1);
            foreach (var (name, (element, to)) in targets)
            {
                var closure = StateSets.Closure(to, _empty);
                var key = StateSets.Key(closure);
                if (!index.TryGetValue(key, out var state))
                {
                    if (sets.Count >= MaxStates || element > short.MaxValue)
                    {
                        throw new UnsupportedSchemaException("a content model with too many states");
                    }

                    state = sets.Count;
                    index[key] = state;
                    sets.Add(closure);
                }

                row[name] = (element << 16) | state;
            }

            steps.AddRange(row);
        }

        return new ContentModel(width, [.. steps], [.. sets.Select(s => s.Contains(end))]);
    }
}
