namespace Omslite.Sdk.Plugins;

/// <summary>What a plugin does; written in the manifest as <c>mis-connector</c> or <c>region-format</c>.</summary>
public enum PluginKind
{
    /// <summary>Pulls completed OMS cases from a clinic's MIS database.</summary>
    MisConnector,

    /// <summary>Checks cases and writes/reads the files of one TFOMS.</summary>
    RegionFormat,
}
