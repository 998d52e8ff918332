using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Xml;
using System.Xml.Schema;
using Omslite.RegionFormats.RegistryXml.Writing.Compiled;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>One document to validate: a whole file, or a run of its record lines made a document of its own.</summary>
/// <param name="SchemaName">The schema, e.g. <c>HM-6.0.xsd</c>.</param>
/// <param name="FileName">The file, for the message.</param>
/// <param name="Open">Opens the document's bytes.</param>
/// <param name="FileLine">The line of the file a line of the document is (the identity for a whole file).</param>
/// <param name="DescribeLine">What a line of the file holds (e.g. "талон 1234"), for the message.</param>
public sealed record SchemaDocument(string SchemaName, string FileName, Func<Stream> Open, Func<int, int> FileLine, Func<int, string?> DescribeLine);

/// <summary>
/// The XSDs a plugin ships for its file versions, compiled on first use (once per worker: a compiled set is not
/// shared by two validations at a time). Every file of a pack is validated against its schema before it is signed
/// and zipped; a failure means no zip. Large files are validated in parts on every core (<see cref="PartBytes"/>).
/// </summary>
public sealed class Schemas
{
    private readonly Func<string, Stream?> _open;
    private readonly ConcurrentDictionary<string, ConcurrentBag<XmlSchemaSet>> _idle = new();

    // Per schema, its automata (immutable, shared by every worker), or null when the schema uses a construct the
    // compiler does not support.
    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema?>> _automata = new();

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
    /// The size of the parts a large file is validated in, in parallel: each part is the file's declaration, root and
    /// headers, a run of whole record lines and the closing tag. The schemas have no constraint across records (no
    /// xs:unique, xs:key), so each record is validated in the same context as in the whole file.
    /// </summary>
    public long PartBytes { get; init; } = 4L << 20;

    /// <summary>Validates documents, as many at a time as there are cores; the failure of the first failing document
    /// (in list order) is thrown.</summary>
    /// <exception cref="RegionFormatException">A document does not match its schema.</exception>
    public void Validate(IReadOnlyList<SchemaDocument> documents, CancellationToken ct)
    {
        var failures = new Exception?[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            i => failures[i] = Failure(documents[i]));
        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>Validates one document; what was wrong, or null.</summary>
    private Exception? Failure(SchemaDocument document)
    {
        XmlSchemaSet compiled;
        try
        {
            compiled = Rent(document.SchemaName);
        }
        catch (Exception ex) when (ex is RegionFormatException or XmlException or XmlSchemaException)
        {
            return ex;
        }

        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = compiled,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationFlags = XmlSchemaValidationFlags.None;
        settings.IgnoreComments = true;
        settings.ValidationEventHandler += (_, e) => throw e.Exception ?? new XmlSchemaValidationException(e.Message);
        try
        {
            using var content = document.Open();
            using var reader = XmlReader.Create(content, settings);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException)
        {
            var line = document.FileLine(ex switch
            {
                XmlSchemaException s => s.LineNumber,
                XmlException x => x.LineNumber,
                _ => 0,
            });
            var what = document.DescribeLine(line) is { } w ? $", {w}" : "";
            return new RegionFormatException(
                $"Файл {document.FileName} не соответствует схеме {document.SchemaName} (строка {line}{what}): {ex.Message} Пакет не сформирован.", ex);
        }
        finally
        {
            _idle.GetOrAdd(document.SchemaName, _ => []).Add(compiled);
        }
    }

    /// <summary>Whether a document in the form this library writes (its parts: the head, a run of record lines, the
    /// closing tag) is confirmed valid: by the schema's automata (<see cref="CompiledXmlValidator"/>) or, for a schema
    /// they do not support, by <see cref="WrittenXmlValidator"/>. False means "validate it with a reader", not
    /// "invalid".</summary>
    internal bool Confirms(string schemaName, params ReadOnlySpan<ReadOnlyMemory<byte>> parts)
    {
        if (Automata(schemaName) is { } automata)
        {
            return CompiledXmlValidator.Confirms(automata, parts);
        }

        XmlSchemaSet compiled;
        try
        {
            compiled = Rent(schemaName);
        }
        catch (Exception ex) when (ex is RegionFormatException or XmlException or XmlSchemaException)
        {
            return false;
        }

        try
        {
            return WrittenXmlValidator.Confirms(compiled, parts);
        }
        finally
        {
            _idle.GetOrAdd(schemaName, _ => []).Add(compiled);
        }
    }

    /// <summary>The schema compiled into automata once (<see cref="SchemaCompiler"/>), or null when it cannot be (a
    /// construct the compiler does not support, or no such schema).</summary>
    internal CompiledSchema? Automata(string schemaName) =>
        _automata.GetOrAdd(schemaName, name => new Lazy<CompiledSchema?>(() => CompileAutomata(name, out _))).Value;

    /// <summary>Compiles a schema into automata; the reason when it cannot.</summary>
    internal CompiledSchema? CompileAutomata(string schemaName, out string? unsupported)
    {
        XmlSchemaSet compiled;
        try
        {
            compiled = Rent(schemaName);
        }
        catch (Exception ex) when (ex is RegionFormatException or XmlException or XmlSchemaException)
        {
            unsupported = ex.Message;
            return null;
        }

        try
        {
            return SchemaCompiler.Compile(compiled, out unsupported);
        }
        finally
        {
            _idle.GetOrAdd(schemaName, _ => []).Add(compiled);
        }
    }

    private XmlSchemaSet Rent(string schemaName) =>
        _idle.GetOrAdd(schemaName, _ => []).TryTake(out var compiled) ? compiled : Compile(schemaName);

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
