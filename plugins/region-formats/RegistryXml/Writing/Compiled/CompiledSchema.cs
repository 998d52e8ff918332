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
    public ElementNames Names => names;

    public CompiledElement[] Elements => elements;

    /// <summary>The declaration of a root named <paramref name="name"/> (a name number), or -1.</summary>
    public int Root(int name) => name >= 0 && name < roots.Length ? roots[name] : -1;
}
