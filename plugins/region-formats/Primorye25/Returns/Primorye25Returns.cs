using Omslite.RegionFormats.Primorye25.Registers;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// What TFOMS Primorye sends back and what is printed from it: the FLK_P error protocol, the BARS invoice archives,
/// the XLSX registers and the preliminary calculation. A second entry point of the <c>primorye-25</c> plugin (the
/// hub finds these capabilities by type over the plugin's entry points); see the plugin's README.
/// </summary>
public sealed class Primorye25Returns : IErrorProtocolStreamReader, IInvoiceReader, IRegisterWriter, IPreliminaryCalculator
{
    /// <inheritdoc />
    public string Id => "primorye-25";

    /// <inheritdoc />
    public ErrorProtocolName ParseErrorProtocolName(string fileName) => ReturnNames.Protocol(fileName);

    /// <inheritdoc />
    public ErrorProtocol ReadErrorProtocol(Stream content, string fileName, RegistryMo mo, CancellationToken cancellationToken) =>
        ProtocolReader.Read(content, fileName, mo, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ProtocolCase> ReadErrorProtocolCasesAsync(
        Stream content, string fileName, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken cancellationToken) =>
        ProtocolReader.Cases(content, fileName, mo, summary, cancellationToken).ToAsyncEnumerable();

    /// <inheritdoc />
    public InvoiceName ParseInvoiceName(string fileName) => ReturnNames.Invoice(fileName);

    /// <inheritdoc />
    public Invoice ReadInvoice(IArchiveFiles archive, InvoiceName name, CancellationToken cancellationToken) =>
        InvoiceReader.Read(archive, name, cancellationToken);

    /// <inheritdoc />
    public RegisterFile WriteRegister(RegisterRequest request, Stream output) => request switch
    {
        InvoiceRegisterRequest invoice => InvoiceRegisters.Write(invoice, output),
        TariffRegisterRequest tariffs => InvoiceRegisters.WriteTariffs(tariffs, output),
        ReferralRegistersRequest referrals => CalculationRegisters.WriteReferrals(referrals, output),
        MonthSummaryRequest month => CalculationRegisters.WriteMonthSummary(month, output),
        ServiceSummaryRequest services => CalculationRegisters.WriteServiceSummary(services, output),
        _ => throw new RegionFormatException("Тип счета не поддерживается"),
    };

    /// <inheritdoc />
    public CalculatedCase Calculate(RegistryCase visit, RegistryMo mo) => PreliminaryPricing.Calculate(visit, mo);
}
