using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Registry.Returns;

/// <summary>
/// Optional for a region format: reads an invoice (счет) the regional system returns for a report month — in
/// Primorye a zip with HM/LM XML files per payer. The hub marks the MEK refusals on the matched visits (D5) and has
/// the format print the payer's register (<see cref="IRegisterWriter"/>).
/// </summary>
/// <remarks>
/// The hub opens the archive and hands over its files through <see cref="IArchiveFiles"/>, with its hostile-zip limits
/// already applied (entry count, no absolute or <c>..</c> paths, expanded size counted while reading): a format
/// never touches the file system. Implemented by the format's entry class or another public class of the plugin with
/// the same id.
/// </remarks>
public interface IInvoiceReader : IPlugin
{
    /// <summary>Parses the archive's name (as uploaded; Cyrillic look-alike letters allowed).</summary>
    /// <exception cref="RegionFormatException">The name does not follow the format's grammar or lacks the payer; the
    /// message is Russian and names the file.</exception>
    InvoiceName ParseInvoiceName(string fileName);

    /// <summary>Reads the invoice's cases (and its services, for a tariff register).</summary>
    /// <param name="archive">The archive's files.</param>
    /// <param name="name">The parsed archive name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="RegionFormatException">The archive lacks a file, or a file is malformed or hostile; the
    /// message is Russian.</exception>
    Invoice ReadInvoice(IArchiveFiles archive, InvoiceName name, CancellationToken cancellationToken);
}

/// <summary>The files of an uploaded archive, already checked by the hub.</summary>
public interface IArchiveFiles
{
    /// <summary>The file entries' names (paths inside the archive), directory entries left out.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Opens one file for reading; the stream fails once the hub's expanded-size limit is passed.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    Stream Open(string name);
}

/// <summary>What an invoice archive's name says.</summary>
/// <param name="FileName">The name as uploaded.</param>
/// <param name="MoCode">The MO's 6-digit F003 code.</param>
/// <param name="Payer">The payer: the SMO code (F002, e.g. <c>25011</c>) of an SMO invoice, <c>0</c> for the
/// territorial fund (out-of-region patients).</param>
/// <param name="Year">The four-digit report year.</param>
/// <param name="Month">The report month, 1–12.</param>
/// <param name="MoShortCode">The MO's 3-character short code.</param>
public sealed record InvoiceName(string FileName, string MoCode, string Payer, int Year, int Month, string MoShortCode)
{
    /// <summary>An invoice to the territorial fund (payer 0) rather than to an SMO.</summary>
    public bool ToFund => Payer == "0";
}

/// <summary>A read invoice.</summary>
/// <param name="Name">What the archive's name says.</param>
/// <param name="CaseFile">The name of the file the cases were read from (e.g. <c>HM250796S25011_2110796.xml</c>).</param>
/// <param name="Cases">One per invoice record, in file order, with the patients' names joined in.</param>
/// <param name="Services">The services of the whole invoice aggregated by code, in first-seen order.</param>
public sealed record Invoice(InvoiceName Name, string CaseFile, IReadOnlyList<InvoiceCase> Cases, IReadOnlyList<InvoiceService> Services);

/// <summary>One invoice record (ZAP) with its patient. Absent values are null.</summary>
public sealed record InvoiceCase
{
    /// <summary>N_ZAP.</summary>
    public int? NZap { get; init; }

    /// <summary>ID_PAC (text: a 16-digit ЕНП fits).</summary>
    public string? IdPac { get; init; }

    /// <summary>SPOLIS.</summary>
    public string? PolicySeries { get; init; }

    /// <summary>NPOLIS.</summary>
    public string? PolicyNumber { get; init; }

    /// <summary>ENP.</summary>
    public string? Enp { get; init; }

    /// <summary>USL_OK.</summary>
    public int? UslOk { get; init; }

    /// <summary>VIDPOM.</summary>
    public int? Vidpom { get; init; }

    /// <summary>FOR_POM.</summary>
    public int? ForPom { get; init; }

    /// <summary>DATE_Z_1.</summary>
    public DateOnly? DateZ1 { get; init; }

    /// <summary>DATE_Z_2.</summary>
    public DateOnly? DateZ2 { get; init; }

    /// <summary>RSLT.</summary>
    public int? Rslt { get; init; }

    /// <summary>ISHOD.</summary>
    public int? Ishod { get; init; }

    /// <summary>PROFIL of the first SL.</summary>
    public int? Profil { get; init; }

    /// <summary>NHISTORY of the first SL: the visit number.</summary>
    public int? NHistory { get; init; }

    /// <summary>DS1 of the first SL.</summary>
    public string? Ds1 { get; init; }

    /// <summary>PRVS of the first SL.</summary>
    public int? Prvs { get; init; }

    /// <summary>IDSP.</summary>
    public int? Idsp { get; init; }

    /// <summary>SUMV: the amount presented.</summary>
    public decimal? Sumv { get; init; }

    /// <summary>SUMP: the amount paid; null when the tag is missing or empty.</summary>
    public decimal? Sump { get; init; }

    /// <summary>Surname (L file).</summary>
    public string? Fam { get; init; }

    /// <summary>First name (L file).</summary>
    public string? Im { get; init; }

    /// <summary>Patronymic (L file).</summary>
    public string? Ot { get; init; }

    /// <summary>Sex code W (1 male, 2 female).</summary>
    public int? W { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? Dr { get; init; }

    /// <summary>A MEK refusal (D5): SUMP is 0 or missing.</summary>
    public bool IsMek => Sump is null or 0m;
}

/// <summary>The services of one code over an invoice.</summary>
/// <param name="Code">CODE_USL.</param>
/// <param name="Quantity">Σ KOL_USL.</param>
/// <param name="Tariff">TARIF of the first occurrence; null when absent or not a number.</param>
/// <param name="Profil">PROFIL of the first occurrence.</param>
/// <param name="Prvs">PRVS of the first occurrence.</param>
public sealed record InvoiceService(string Code, int Quantity, decimal? Tariff, int? Profil, int? Prvs);
