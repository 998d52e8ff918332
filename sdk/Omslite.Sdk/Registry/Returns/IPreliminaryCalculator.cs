using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Registry.Returns;

/// <summary>
/// Optional for a region format: the MO's own, preliminary pricing of a month's visits as invoice records (what the
/// payer is expected to pay), printed with <see cref="IRegisterWriter"/> in the payer's layout. Not guaranteed: the
/// payer prices the registry itself.
/// </summary>
/// <remarks>Implemented by the format's entry class or another public class of the plugin with the same id.</remarks>
public interface IPreliminaryCalculator : IPlugin
{
    /// <summary>Prices one visit.</summary>
    /// <param name="visit">The visit with its patient, specialty, referral and services (each with the tariff in
    /// effect on its date).</param>
    /// <param name="mo">The MO, with its settings.</param>
    /// <returns>The priced record, or the reason the format cannot price this kind of visit.</returns>
    CalculatedCase Calculate(RegistryCase visit, RegistryMo mo);
}

/// <summary>The outcome of pricing one visit.</summary>
/// <param name="Case">The invoice record with its computed SUMV; null when not priced.</param>
/// <param name="Unsupported">Why the visit was not priced (Russian, for the user); null when priced.</param>
public sealed record CalculatedCase(InvoiceCase? Case, string? Unsupported);
