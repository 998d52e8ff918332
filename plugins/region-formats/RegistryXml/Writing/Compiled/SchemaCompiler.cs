using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// Compiles a compiled <see cref="XmlSchemaSet"/> (the .NET schema compiler has already resolved includes, groups and
/// types: this reads its schema object model, never the XSD text) into a <see cref="CompiledSchema"/>. It accepts only
/// what it can check exactly: elements without a namespace, without attributes, not abstract, not nillable, without
/// identity constraints or substitution groups; complex types of element-only content made of sequences and groups
/// (<see cref="ContentModelBuilder"/>); simple types restricting <c>xs:string</c> by length, minLength, maxLength,
/// pattern (<see cref="PatternCompiler"/>) and enumeration, and <c>xs:date</c>; fixed values of string elements.
/// Anything else makes the whole schema unsupported, and its documents are confirmed by <see cref="WrittenXmlValidator"/>.
/// </summary>
internal sealed class SchemaCompiler
{
    private static readonly XmlQualifiedName XsString = new("string", XmlSchema.Namespace);
    private static readonly XmlQualifiedName XsDate = new("date", XmlSchema.Namespace);

    private readonly ElementNames _names = new();
    private readonly List<(int Name, int Model, SimpleValueCheck? Value)> _elements = [];
    private readonly Dictionary<XmlSchemaElement, int> _elementIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<XmlSchemaComplexType, int> _modelIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<XmlSchemaSimpleType, SimpleValueCheck> _checks = new(ReferenceEqualityComparer.Instance);
    private readonly List<Func<ContentModel>?> _models = [];

    /// <summary>The compiled schema, or null with the reason when the set uses a construct outside the supported
    /// ones.</summary>
    public static CompiledSchema? Compile(XmlSchemaSet set, out string? unsupported)
    {
        unsupported = null;
        try
        {
            return new SchemaCompiler().Run(set);
        }
        catch (UnsupportedSchemaException ex)
        {
            unsupported = ex.Message;
            return null;
        }
    }

    private CompiledSchema Run(XmlSchemaSet set)
    {
        if (!set.IsCompiled)
        {
            throw new UnsupportedSchemaException("a schema set that is not compiled");
        }

        var globals = set.GlobalElements.Values.Cast<XmlSchemaElement>().ToList();
        if (globals.FirstOrDefault(g => !g.SubstitutionGroup.IsEmpty) is { } member)
        {
            throw new UnsupportedSchemaException($"the substitution group of {member.QualifiedName}");
        }

        var roots = globals.Select(g => (Name: _names.Add(Name(g)), Element: Element(g))).ToList();

        // Every name is known now: the models' rows can be built as wide as the name table.
        var models = _models.Select(prepare => prepare!()).ToArray();
        var rootOf = new int[_names.Count];
        Array.Fill(rootOf, -1);
        foreach (var (name, element) in roots)
        {
            rootOf[name] = element;
        }

        var elements = _elements.Select(e => new CompiledElement(e.Name, _names[e.Name], e.Model >= 0 ? models[e.Model] : null, e.Value)).ToArray();
        return new CompiledSchema(_names, elements, rootOf);
    }

    /// <summary>The index of an element declaration, compiled with its type on first sight.</summary>
    private int Element(XmlSchemaElement element)
    {
        if (_elementIndex.TryGetValue(element, out var index))
        {
            return index;
        }

        if (element.IsAbstract || element.IsNillable || element.Constraints.Count > 0 || !element.RefName.IsEmpty)
        {
            throw new UnsupportedSchemaException($"element {element.QualifiedName}: abstract, nillable, a reference or with identity constraints");
        }

        var name = _names.Add(Name(element));
        index = _elements.Count;
        _elementIndex[element] = index;
        _elements.Add((name, -1, null));
        _elements[index] = element.ElementSchemaType switch
        {
            XmlSchemaComplexType complex when element.FixedValue is null && element.DefaultValue is null => (name, Model(complex), null),
            XmlSchemaSimpleType simple when element.FixedValue is { } fixedValue =>
                (name, -1, Check(simple).Restricted(Cp1251Bytes(fixedValue) is { } bytes ? [bytes] : [])),
            XmlSchemaSimpleType simple => (name, -1, Check(simple)),
            var other => throw new UnsupportedSchemaException($"element {element.QualifiedName} of type {other?.GetType().Name ?? "none"} with a fixed or default value"),
        };
        return index;
    }

    private static string Name(XmlSchemaElement element) =>
        element.QualifiedName.Namespace.Length == 0 ? element.QualifiedName.Name
            : throw new UnsupportedSchemaException($"the namespace of element {element.QualifiedName}");

    /// <summary>The index of a complex type's content model; it is built once all names are known.</summary>
    private int Model(XmlSchemaComplexType type)
    {
        if (_modelIndex.TryGetValue(type, out var index))
        {
            return index;
        }

        if (type.IsAbstract || type.IsMixed || type.ContentType != XmlSchemaContentType.ElementOnly
            || type.AttributeUses.Count > 0 || type.AttributeWildcard is not null)
        {
            throw new UnsupportedSchemaException($"complex type {type.QualifiedName}: abstract, mixed, with attributes or not element-only ({type.ContentType})");
        }

        // Reserved before its children are compiled, so a type that contains itself ends.
        index = _models.Count;
        _modelIndex[type] = index;
        _models.Add(null);
        _models[index] = ContentModelBuilder.Prepare(type.ContentTypeParticle, _names, Element);
        return index;
    }

    /// <summary>The check of a simple type: a restriction chain down to xs:string with the supported facets, or
    /// xs:date itself.</summary>
    private SimpleValueCheck Check(XmlSchemaSimpleType type)
    {
        if (_checks.TryGetValue(type, out var check))
        {
            return check;
        }

        var (minLength, maxLength) = (0, int.MaxValue);
        var patterns = new List<ByteDfa>();
        byte[][]? enumeration = null;
        var facets = false;
        var step = type;
        while (step.QualifiedName != XsString && step.QualifiedName != XsDate)
        {
            if (step.QualifiedName.Namespace == XmlSchema.Namespace || step.Content is not XmlSchemaSimpleTypeRestriction restriction
                || step.Datatype?.Variety != XmlSchemaDatatypeVariety.Atomic)
            {
                throw new UnsupportedSchemaException($"simple type {Describe(type)}: derived from {step.QualifiedName} or not by restriction");
            }

            var stepPatterns = new List<string>();
            foreach (var facet in restriction.Facets.Cast<XmlSchemaObject>())
            {
                facets = true;
                switch (facet)
                {
                    case XmlSchemaLengthFacet f when f.GetType() == typeof(XmlSchemaLengthFacet):
                        var length = Count(f, type);
                        (minLength, maxLength) = (Math.Max(minLength, length), Math.Min(maxLength, length));
                        break;
                    case XmlSchemaMinLengthFacet f when f.GetType() == typeof(XmlSchemaMinLengthFacet):
                        minLength = Math.Max(minLength, Count(f, type));
                        break;
                    case XmlSchemaMaxLengthFacet f when f.GetType() == typeof(XmlSchemaMaxLengthFacet):
                        maxLength = Math.Min(maxLength, Count(f, type));
                        break;
                    case XmlSchemaPatternFacet f when f.GetType() == typeof(XmlSchemaPatternFacet):
                        stepPatterns.Add(f.Value ?? "");
                        break;
                    case XmlSchemaEnumerationFacet f when f.GetType() == typeof(XmlSchemaEnumerationFacet):
                        // Collected per step below: the values of one step are alternatives.
                        break;
                    default:
                        throw new UnsupportedSchemaException($"simple type {Describe(type)}: the facet {facet.GetType().Name}");
                }
            }

            var values = restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Select(f => Cp1251Bytes(f.Value ?? "")).OfType<byte[]>().ToList();
            if (restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Any())
            {
                // Every step's enumeration must hold: keep the values allowed by all of them.
                enumeration = enumeration is null ? [.. values] : [.. enumeration.Where(e => values.Any(v => v.AsSpan().SequenceEqual(e)))];
            }

            if (stepPatterns.Count > 0)
            {
                patterns.Add(PatternCompiler.Compile(stepPatterns));
            }

            step = step.BaseXmlSchemaType as XmlSchemaSimpleType
                ?? throw new UnsupportedSchemaException($"simple type {Describe(type)}: no simple base type");
        }

        if (step.QualifiedName == XsDate)
        {
            check = facets ? throw new UnsupportedSchemaException($"simple type {Describe(type)}: facets on xs:date") : SimpleValueCheck.Date;
        }
        else
        {
            check = new SimpleValueCheck(false, minLength, maxLength, [.. patterns], enumeration);
        }

        _checks[type] = check;
        return check;
    }

    private static int Count(XmlSchemaFacet facet, XmlSchemaSimpleType type) =>
        int.TryParse(facet.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UnsupportedSchemaException($"simple type {Describe(type)}: the length '{facet.Value}'");

    private static string Describe(XmlSchemaSimpleType type) => type.QualifiedName.IsEmpty ? "(anonymous)" : type.QualifiedName.ToString();

    /// <summary>A value in windows-1251, or null when it has a character windows-1251 cannot write (no written value
    /// can then equal it).</summary>
    private static byte[]? Cp1251Bytes(string value)
    {
        try
        {
            return Cp1251.Encoding.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }
}
