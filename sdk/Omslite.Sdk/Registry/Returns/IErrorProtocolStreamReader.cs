namespace Omslite.Sdk.Registry.Returns;

/// <summary>
/// Since SDK 1.3. Optional for a format that reads error protocols (<see cref="IErrorProtocolReader"/>): hands the
/// protocol's refused cases over one by one while the file is still being parsed, so the hub stores them as they come
/// instead of waiting for the whole <see cref="ErrorProtocol"/>. A format built for SDK 1.2 implements only
/// <see cref="IErrorProtocolReader.ReadErrorProtocol"/>; the hub then reads the protocol as a whole, as before.
/// </summary>
/// <remarks>
/// Same rules as <see cref="IErrorProtocolReader.ReadErrorProtocol"/>: DTDs and external entities refused, the MO's
/// ignore list applied, only the cases that keep an error, in file order. A malformed file may be found out only after
/// some cases were handed over: the enumeration then throws a <see cref="RegionFormatException"/> and the hub drops
/// everything it stored from this file (the import is one transaction).
/// </remarks>
public interface IErrorProtocolStreamReader : IErrorProtocolReader
{
    /// <summary>Reads a protocol as a stream, case by case.</summary>
    /// <param name="content">The file's bytes; the encoding is the one its XML declaration states.</param>
    /// <param name="fileName">The uploaded name, for messages.</param>
    /// <param name="mo">The MO importing it, with its settings.</param>
    /// <param name="summary">Filled by the reader with what is not a case (the header, the number of records): complete
    /// once the enumeration has ended without an error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records that keep at least one error after the ignore list, in file order.</returns>
    /// <exception cref="RegionFormatException">While enumerating: the file cannot be read (malformed or hostile XML,
    /// wrong root, a record without a visit number); the message is Russian, with the line when known.</exception>
    IAsyncEnumerable<ProtocolCase> ReadErrorProtocolCasesAsync(
        Stream content, string fileName, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken cancellationToken);
}

/// <summary>Since SDK 1.3. What a streamed protocol read (<see cref="IErrorProtocolStreamReader"/>) gives besides its
/// cases; the reader fills it, the hub reads it after the last case.</summary>
public sealed class ErrorProtocolSummary
{
    /// <summary>The protocol's header fields (all null until the reader has seen them).</summary>
    public ErrorProtocolHeader Header { get; set; } = new(null, null, null, null, null, null, null, null);

    /// <summary>Records (ZAP) read, with or without kept errors.</summary>
    public int Records { get; set; }
}
