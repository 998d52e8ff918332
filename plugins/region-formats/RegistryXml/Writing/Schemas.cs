using System.Collections.Concurrent;
using System.Reflection;
using System.Xml;
using System.Xml.Schema;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// The XSDs a plugin ships for its file versions, compiled once per file. Every file of a pack is validated against
/// its schema before it is signed and zipped; a failure means no zip.
/// </summary>
public sealed class Schemas
{
    private readonly Func<string, Stream?> _open;
    private readonly ConcurrentDictionary<string, XmlSchemaSet> _compiled = new();

    /// <summary>The schemas embedded in a plugin assembly as <c>xsd/&lt;file name&gt;</c> (RegionFormat.props embeds
    /// <c>Xsd/*.xsd</c> so).</summary>
    /// <param name="plugin">The plugin assembly.</param>
    public Schemas(Assembly plugin)
        : this(name => plugin.GetManifestResourceStream("xsd/" + name))
    {
    }

    /// <summary>Schemas opened by name; <c>xs:include</c> resolves through the same function.</summary>
    /// <param name="open">Opens a schema file by name (null when there is none); tests pass other schemas.</param>
    public Schemas(Func<string, Stream?> open) => _open = open;

    /// <summary>
    /// Validates one complete file. <paramref name="describeLine"/> names what a line holds (e.g. "талон 1234") for the
    /// message.
    /// </summary>
    /// <exception cref="RegionFormatException">The file does not match its schema.</exception>
    public void Validate(string schemaName, string fileName, Stream content, Func<int, string?> describeLine)
    {
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = _compiled.GetOrAdd(schemaName, Compile),
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationFlags = XmlSchemaValidationFlags.None;
        settings.IgnoreComments = true;
        settings.ValidationEventHandler += (_, e) => throw e.Exception ?? new XmlSchemaValidationException(e.Message);
        try
        {
            using var reader = XmlReader.Create(content, settings);
            while (reader.Read())
            {
            }
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException)
        {
            var line = ex switch
            {
                XmlSchemaException s => s.LineNumber,
                XmlException x => x.LineNumber,
                _ => 0,
            };
            var what = describeLine(line) is { } w ? $", {w}" : "";
            throw new RegionFormatException(
                $"Файл {fileName} не соответствует схеме {schemaName} (строка {line}{what}): {ex.Message} Пакет не сформирован.", ex);
        }
    }

    private XmlSchemaSet Compile(string schemaName)
    {
        var set = new XmlSchemaSet { XmlResolver = new SchemaResolver(_open) };
        using var stream = _open(schemaName) ?? throw new RegionFormatException($"Нет схемы {schemaName} в модуле формата");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }, SchemaResolver.Base + schemaName);
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Resolves <c>xs:include</c> to the other shipped schema files, and nothing else.</summary>
    private sealed class SchemaResolver(Func<string, Stream?> open) : XmlResolver
    {
        public const string Base = "omslite-xsd:///";

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            absoluteUri.Scheme == "omslite-xsd" ? open(absoluteUri.AbsolutePath.TrimStart('/')) : null;
    }
}
