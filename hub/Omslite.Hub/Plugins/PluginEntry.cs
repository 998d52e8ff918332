using Omslite.Sdk.Plugins;

namespace Omslite.Hub.Plugins;

/// <summary>One plugin folder as the host sees it: its manifest (when readable), status and entry points.</summary>
public sealed record PluginEntry(
    string Folder,
    string Id,
    string? Version,
    string? Kind,
    PluginStatus Status,
    string? Error,
    IReadOnlyList<IPlugin> Instances);
