namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>One element declaration of a compiled schema: its name and either its content model (a complex type of
/// element-only content) or the check of its value (a simple type).</summary>
internal sealed record CompiledElement(int Name, byte[] NameBytes, ContentModel? Model, SimpleValueCheck? Value);

/// <summary>
/// A schema set compiled by <see cref="SchemaCompiler"/> into automata: the element names, the declarations, and the
/// declaration of each global element (a document's possible roots). Immutable once built, so one instance serves
/// every validation of its schema at the same time.
/// </summary>
internal sealed class CompiledSchema(ElementNames names, CompiledElement[] elements, int[] roots)
{
    // Where each complex element's states start in a table with one slot per state of every content model.
    private readonly int[] _firstState = FirstStates(elements);

    public ElementNames Names => names;

    /// <summary>The number of states of all content models together.</summary>
    public int ModelStates { get; } = elements.Sum(e => e.Model?.States ?? 0);

    /// <summary>The slot of <paramref name="state"/> of complex element <paramref name="element"/> among
    /// <see cref="ModelStates"/>.</summary>
    public int StateSlot(int element, int state) => _firstState[element] + state;

    public CompiledElement[] Elements => elements;

    /// <summary>The declaration of a root named <paramref name="name"/> (a name number), or -1.</summary>
    public int Root(int name) => name >= 0 && name < roots.Length ? roots[name] : -1;

    private static int[] FirstStates(CompiledElement[] elements)
    {
        var first = new int[elements.Length];
        var states = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            first[i] = states;
            states += elements[i].Model?.States ?? 0;
        }

        return first;
    }
}
