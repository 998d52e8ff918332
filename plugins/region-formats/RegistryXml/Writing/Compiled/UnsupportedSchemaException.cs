namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// A schema construct the compiler does not translate (an attribute, a choice, a facet or pattern outside the subset it
/// knows exactly, …). Thrown inside <see cref="SchemaCompiler"/> only: the compiler then answers "unsupported" and the
/// documents of that schema are confirmed by <see cref="WrittenXmlValidator"/> instead, which is never wrong.
/// </summary>
internal sealed class UnsupportedSchemaException(string reason) : Exception(reason);
