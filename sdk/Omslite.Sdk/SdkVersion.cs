namespace Omslite.Sdk;

/// <summary>The version of the plugin contract this assembly defines.</summary>
/// <remarks>
/// History: 1.0 — plugins, MIS connectors, region formats (checks, packs); 1.1 — optional region-format interfaces
/// for returns from TFOMS (error protocols, invoices, registers, calculations); 1.2 — pack signing
/// (<see cref="Registry.IPackSigner"/>), and optional fields of the canonical source case: the visit's number and its
/// policy on the visit date (<see cref="Connectors.SourceVisit.Number"/>, <see cref="Connectors.SourceVisit.Policy"/>),
/// and the card's second phone, ST_OKATO, insurer OGRN and name, document issuer code and employment
/// (<see cref="Connectors.SourcePatient"/>); 1.3 — <see cref="Registry.PackRequest.Selected"/>: a format tells the host
/// the cases of a pack are final before it zips them; <see cref="Registry.Returns.IErrorProtocolStreamReader"/>: an
/// error protocol's cases handed over as the file is parsed; 1.4 — <see cref="Registry.PackRequest.Including"/>: a
/// format hands the host the pack's visits in batches while it builds the pack.
/// A plugin states in its manifest the SDK version it was built for. The host loads it when the major versions are
/// equal and the plugin's minor version is not newer than the host's: minor versions only add to the contract.
/// </remarks>
public static class SdkVersion
{
    /// <summary>The contract version of this build of the SDK.</summary>
    public static Version Current { get; } = new(1, 4);

    /// <summary>Whether a plugin built for <paramref name="builtFor"/> can run against this SDK.</summary>
    public static bool Supports(Version builtFor) =>
        builtFor.Major == Current.Major && builtFor.Minor <= Current.Minor;
}
