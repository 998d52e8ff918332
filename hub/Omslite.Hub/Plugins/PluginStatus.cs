namespace Omslite.Hub.Plugins;

/// <summary>What became of one plugin folder at start.</summary>
public enum PluginStatus
{
    Loaded,
    /// <summary>Built for an SDK version this hub does not support.</summary>
    Incompatible,
    /// <summary>Manifest or assembly could not be read or loaded.</summary>
    Broken,
}
