using Omslite.Sdk.Connectors;
using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Registry.Returns;

/// <summary>
/// Optional for a region format: prints registers (XLSX) from an invoice or from the hub's preliminary calculations,
/// filling the format's template workbooks. The format owns the layouts, texts, service groups and output names;
/// the hub gathers the data, stores the file and offers it for download.
/// </summary>
/// <remarks>
/// A clinic may replace a template with its own: the hub passes its per-MO template folder in
/// <see cref="RegisterRequest.TemplateDirectory"/>, and a workbook found there is used instead of the shipped one.
/// Implemented by the format's entry class or another public class of the plugin with the same id.
/// </remarks>
public interface IRegisterWriter : IPlugin
{
    /// <summary>Writes one register to <paramref name="output"/>.</summary>
    /// <param name="request">What to print; one of the records derived from <see cref="RegisterRequest"/>.</param>
    /// <param name="output">Where the file goes (an XLSX workbook, or a zip of them for
    /// <see cref="ReferralRegistersRequest"/>).</param>
    /// <returns>The file name the output is to be stored under and the number of data rows written.</returns>
    /// <exception cref="RegionFormatException">The kind is not supported, or a template is missing or unusable; the
    /// message is Russian. The caller discards the output.</exception>
    RegisterFile WriteRegister(RegisterRequest request, Stream output);
}

/// <summary>The produced register.</summary>
/// <param name="FileName">The name to store it under, e.g. <c>reestr_amb_25011_02_2022_P9hbT.xlsx</c>.</param>
/// <param name="Rows">The data rows written (over every sheet and file).</param>
public sealed record RegisterFile(string FileName, int Rows);

/// <summary>The common part of every register request.</summary>
public abstract record RegisterRequest
{
    /// <summary>The MO the register is printed for.</summary>
    public required RegistryMo Mo { get; init; }

    /// <summary>The report month (for a service summary of a period or year: its first month).</summary>
    public required ReportPeriod Period { get; init; }

    /// <summary>The MO's own template folder, when it has one; a workbook there replaces the shipped one of the same
    /// name.</summary>
    public string? TemplateDirectory { get; init; }
}

/// <summary>The register of an invoice's cases for its payer (Primorye: the SMO layout for an SMO, the
/// "inokraevye" layout for the fund), or of the hub's own calculation of a month.</summary>
public sealed record InvoiceRegisterRequest : RegisterRequest
{
    /// <summary>The payer: an SMO code, or <c>0</c> for the territorial fund.</summary>
    public required string Payer { get; init; }

    /// <summary>The payer's name from the MO's SMO book; null when the book lacks it.</summary>
    public string? PayerName { get; init; }

    /// <summary>The MO's short name from the MO book; null when the book lacks it.</summary>
    public string? MoShortName { get; init; }

    /// <summary>The MO's OGRN (an MO setting); null when not set.</summary>
    public string? MoOgrn { get; init; }

    /// <summary>True for the hub's own (preliminary) calculation rather than an invoice: the output name says so.</summary>
    public bool Calculated { get; init; }

    /// <summary>The cases.</summary>
    public required IReadOnlyList<InvoiceCase> Cases { get; init; }
}

/// <summary>The register of an invoice's services priced by the PMU tariffs ("Тарифы ПМУ").</summary>
public sealed record TariffRegisterRequest : RegisterRequest
{
    /// <summary>The payer: an SMO code, or <c>0</c>.</summary>
    public required string Payer { get; init; }

    /// <summary>The payer's name; null when unknown.</summary>
    public string? PayerName { get; init; }

    /// <summary>One row per service code, in code order.</summary>
    public required IReadOnlyList<TariffRow> Rows { get; init; }
}

/// <summary>A service of a tariff register.</summary>
/// <param name="Code">The PMU code.</param>
/// <param name="Name">The PMU name; null when the PMU book lacks the code.</param>
/// <param name="Tariff">The tariff; null when the invoice has none.</param>
/// <param name="Quantity">How many.</param>
public sealed record TariffRow(string Code, string? Name, decimal? Tariff, int Quantity);

/// <summary>The registers per referring MO of a month ("Для МО по направлениям"), one workbook per MO, zipped.</summary>
public sealed record ReferralRegistersRequest : RegisterRequest
{
    /// <summary>One entry per referring MO, in short-code order.</summary>
    public required IReadOnlyList<ReferringMoRows> Mos { get; init; }
}

/// <summary>The service rows of one referring MO.</summary>
/// <param name="ShortCode">The referring MO's short code, leading zeros kept.</param>
/// <param name="Name">Its full name from the MO book; null when the book lacks it.</param>
/// <param name="Rows">The service rows, in visit-number order.</param>
public sealed record ReferringMoRows(string ShortCode, string? Name, IReadOnlyList<ReferralRow> Rows);

/// <summary>One service row of a referral register.</summary>
public sealed record ReferralRow
{
    /// <summary>The visit number.</summary>
    public required int Number { get; init; }

    /// <summary>Surname.</summary>
    public string? Fam { get; init; }

    /// <summary>First name.</summary>
    public string? Im { get; init; }

    /// <summary>Patronymic.</summary>
    public string? Ot { get; init; }

    /// <summary>Sex: "м" or "ж".</summary>
    public string? Sex { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>The policy number.</summary>
    public string? Policy { get; init; }

    /// <summary>The referral number.</summary>
    public string? ReferralNumber { get; init; }

    /// <summary>The main diagnosis.</summary>
    public string? Ds1 { get; init; }

    /// <summary>The visit's first day.</summary>
    public DateOnly? OpenDate { get; init; }

    /// <summary>The visit's last day.</summary>
    public DateOnly? CloseDate { get; init; }

    /// <summary>The PMU code.</summary>
    public required string Code { get; init; }

    /// <summary>Tariff × quantity (D6); null when the code has no tariff on the service date.</summary>
    public decimal? Amount { get; init; }
}

/// <summary>The month's services per referring MO ("Расчет услуг за месяц").</summary>
public sealed record MonthSummaryRequest : RegisterRequest
{
    /// <summary>The service totals per referring MO and code.</summary>
    public required IReadOnlyList<MonthSummaryRow> Rows { get; init; }
}

/// <summary>The services of one code sent by one referring MO.</summary>
/// <param name="MoCode">The referring MO's 6-digit code.</param>
/// <param name="MoShortName">Its short name.</param>
/// <param name="Code">The PMU code.</param>
/// <param name="Quantity">Σ quantity.</param>
/// <param name="Amount">Σ tariff × quantity.</param>
public sealed record MonthSummaryRow(string MoCode, string MoShortName, string Code, int Quantity, decimal Amount);

/// <summary>How a service summary's rows were chosen.</summary>
public enum SummaryMode
{
    /// <summary>One report month.</summary>
    Month,

    /// <summary>Visits opened and closed within <see cref="ServiceSummaryRequest.From"/>–<see cref="ServiceSummaryRequest.To"/>.</summary>
    Period,

    /// <summary>A whole report year.</summary>
    Year,
}

/// <summary>The services of a month, period or year, optionally of one referring MO ("Расчет услуг за месяц (год) по МО").</summary>
public sealed record ServiceSummaryRequest : RegisterRequest
{
    /// <summary>Month, period or year.</summary>
    public required SummaryMode Mode { get; init; }

    /// <summary>The first day of a period.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day of a period.</summary>
    public DateOnly? To { get; init; }

    /// <summary>The referring MO's short code when the summary is of one MO; null for all.</summary>
    public string? ReferringMo { get; init; }

    /// <summary>One row per code and tariff, in code order.</summary>
    public required IReadOnlyList<ServiceSummaryRow> Rows { get; init; }
}

/// <summary>The services of one code at one tariff.</summary>
/// <param name="Code">The PMU code.</param>
/// <param name="Name">The tariff's name; null when the code has no tariff.</param>
/// <param name="Tariff">The tariff; null when none.</param>
/// <param name="Quantity">Σ quantity.</param>
/// <param name="Amount">Σ tariff × quantity; null when there is no tariff.</param>
public sealed record ServiceSummaryRow(string Code, string? Name, decimal? Tariff, int Quantity, decimal? Amount);
