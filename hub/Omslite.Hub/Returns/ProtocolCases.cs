using Omslite.Hub.Registry;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>
/// A protocol's refused cases as a stream, whatever SDK version its format was built for: a format that streams
/// (<see cref="IErrorProtocolStreamReader"/>, SDK 1.3) is parsed on another thread, a bounded number of cases ahead of
/// the hub storing them (parsing and storing on two cores); one built for SDK 1.2 reads the protocol as a whole first,
/// as before, and its cases are handed over from the list.
/// </summary>
internal static class ProtocolCases
{
    /// <summary>How many parsed cases may wait for the store.</summary>
    private const int Ahead = 1024;

    /// <summary>The cases in file order; <paramref name="summary"/> is complete once they have all been read.</summary>
    public static IAsyncEnumerable<ProtocolCase> Read(
        IErrorProtocolReader reader, Stream content, string fileName, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken ct) =>
        reader is IErrorProtocolStreamReader streaming
            ? streaming.ReadErrorProtocolCasesAsync(content, fileName, mo, summary, ct).ReadAhead(Ahead, ct)
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
