using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>
/// A protocol's refused cases as a stream, whatever SDK version its format was built for: a format that streams
/// (<see cref="IErrorProtocolStreamReader"/>, SDK 1.3) hands each case over as it parses it, so the database takes in
/// the errors (on its own core) while the hub is still parsing; one built for SDK 1.2 reads the protocol as a whole
/// first, as before, and its cases are handed over from the list.
/// </summary>
/// <remarks>
/// The parse stays on the storing thread. Parsing on another thread, handing the cases over in chunks through a
/// bounded channel, was measured (20 000 records, alternating, busy machine): reading and copying 0.23–0.54 s against
/// 0.20–0.29 s on one thread — the database, not the hub, is the other side of this pipeline.
/// </remarks>
internal static class ProtocolCases
{
    /// <summary>The cases in file order; <paramref name="summary"/> is complete once they have all been read.</summary>
    public static IAsyncEnumerable<ProtocolCase> Read(
        IErrorProtocolReader reader, Stream content, string fileName, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken ct) =>
        reader is IErrorProtocolStreamReader streaming
            ? streaming.ReadErrorProtocolCasesAsync(content, fileName, mo, summary, ct)
            : Whole(reader, content, fileName, mo, summary, ct).ToAsyncEnumerable();

    private static IEnumerable<ProtocolCase> Whole(
        IErrorProtocolReader reader, Stream content, string fileName, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken ct)
    {
        var protocol = reader.ReadErrorProtocol(content, fileName, mo, ct);
        summary.Header = protocol.Header;
        summary.Records = protocol.Records;
        return protocol.Cases;
    }
}
