namespace Omslite.Sdk;

/// <summary>The version of the plugin contract this assembly defines.</summary>
/// <remarks>
/// A plugin states in its manifest the SDK version it was built for. The host loads it when the major versions are
/// equal and the plugin's minor version is not newer than the host's: minor versions only add to the contract.
/// </remarks>
public static class SdkVersion
{
    /// <summary>The contract version of this build of the SDK.</summary>
    public static Version Current { get; } = new(1, 0);

    /// <summary>Whether a plugin built for <paramref name="builtFor"/> can run against this SDK.</summary>
    public static bool Supports(Version builtFor) =>
        builtFor.Major == Current.Major && builtFor.Minor <= Current.Minor;
}
