using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Registry.Returns;

/// <summary>
/// Optional for a region format: reads the TFOMS error protocol (ФЛК, e.g. Primorye's FLK_P XML) that answers a
/// registry pack. The hub matches the cases to visits by <see cref="ProtocolCase.IdCase"/> (the visit number), stores
/// the errors as a batch and reopens the matched visits (D3).
/// </summary>
/// <remarks>
/// Implemented by the format's entry class or by another public class of the same plugin with the same
/// <see cref="IPlugin.Id"/>; the hub finds it with a type test over the plugin's entry points. Stateless: one
/// instance serves every MO and request.
/// </remarks>
public interface IErrorProtocolReader : IPlugin
{
    /// <summary>Parses the protocol's file name (as uploaded; Cyrillic look-alike letters allowed).</summary>
    /// <exception cref="RegionFormatException">The name does not follow the format's grammar; the message is Russian
    /// and names the file.</exception>
    ErrorProtocolName ParseErrorProtocolName(string fileName);

    /// <summary>
    /// Reads a protocol as a stream. DTDs and external entities are refused; a malformed file fails as a whole.
    /// The MO's ignore list (a format setting, e.g. code 824 ignored by default in region 25) is applied here:
    /// the answer holds only the cases that keep at least one error.
    /// </summary>
    /// <param name="content">The file's bytes; the encoding is the one its XML declaration states.</param>
    /// <param name="fileName">The uploaded name, for messages and for <see cref="ErrorProtocol.Name"/>.</param>
    /// <param name="mo">The MO importing it, with its settings.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="RegionFormatException">The file cannot be read (bad name, malformed or hostile XML, wrong
    /// root); the message is Russian, with the line when known.</exception>
    ErrorProtocol ReadErrorProtocol(Stream content, string fileName, RegistryMo mo, CancellationToken cancellationToken);
}

/// <summary>What a protocol's file name says.</summary>
/// <param name="MoCode">The MO's 6-digit F003 code.</param>
/// <param name="Year">The four-digit report year of the pack it answers.</param>
/// <param name="Month">The report month, 1–12.</param>
/// <param name="MoShortCode">The MO's 3-character short code.</param>
public sealed record ErrorProtocolName(string MoCode, int Year, int Month, string MoShortCode);

/// <summary>A read protocol.</summary>
/// <param name="Name">What the file name says.</param>
/// <param name="Header">The protocol's header fields, kept with the batch for display.</param>
/// <param name="Records">Records (ZAP) read, with or without kept errors.</param>
/// <param name="Cases">The records that keep at least one error after the ignore list, in file order.</param>
public sealed record ErrorProtocol(ErrorProtocolName Name, ErrorProtocolHeader Header, int Records, IReadOnlyList<ProtocolCase> Cases);

/// <summary>The header of a protocol (all optional, as text).</summary>
/// <param name="FileName">FNAME: the protocol's own name.</param>
/// <param name="SourceFileName">FNAME_I: the name of the pack file it answers.</param>
/// <param name="Code">SCHET/CODE.</param>
/// <param name="MoCode">SCHET/CODE_MO.</param>
/// <param name="Year">SCHET/YEAR.</param>
/// <param name="Month">SCHET/MONTH.</param>
/// <param name="InvoiceNumber">SCHET/NSCHET.</param>
/// <param name="InvoiceDate">SCHET/DSCHET.</param>
public sealed record ErrorProtocolHeader(
    string? FileName, string? SourceFileName, string? Code, string? MoCode, string? Year, string? Month, string? InvoiceNumber, string? InvoiceDate);

/// <summary>One refused case of a protocol.</summary>
/// <param name="IdCase">IDCASE: the visit number.</param>
/// <param name="Card">The card number the protocol gives, if any (not used for matching).</param>
/// <param name="Errors">The kept errors, each code once, in file order.</param>
public sealed record ProtocolCase(int IdCase, string? Card, IReadOnlyList<ProtocolError> Errors);

/// <summary>One error of a refused case.</summary>
/// <param name="Code">The error code as text (codes such as <c>МТР_106</c> exist).</param>
/// <param name="Comment">The protocol's own comment, when given.</param>
/// <param name="Element">The element the error is about, when the protocol names it.</param>
public sealed record ProtocolError(string Code, string? Comment, string? Element);
