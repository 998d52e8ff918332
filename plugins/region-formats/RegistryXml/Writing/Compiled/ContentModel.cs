namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// The deterministic content model of one complex type: from a state, the name of the next child element gives the
/// next state and the child's declaration (an index into <see cref="CompiledSchema.Elements"/>). Built by
/// <see cref="ContentModelBuilder"/>; state 0 is the start.
/// </summary>
internal sealed class ContentModel(int names, int[] steps, bool[] accepting)
{
    /// <summary>The number of states.</summary>
    public int States => accepting.Length;

    /// <summary>The step on a child named <paramref name="name"/>: the child's element index in the high 16 bits and the
    /// next state in the low 16, or -1 when the model allows no such child here.</summary>
    public int Step(int state, int name) => name < names ? steps[(state * names) + name] : -1;

    /// <summary>Whether the element may end in <paramref name="state"/> (every required child seen).</summary>
    public bool Accepts(int state) => accepting[state];
}
