namespace Omslite.Sdk.Plugins;

/// <summary>The common root of every plugin entry point (MIS connector or region format).</summary>
/// <remarks>
/// The host creates one instance of every public, non-abstract type of the plugin assembly that implements a plugin
/// interface and has a public parameterless constructor.
/// </remarks>
public interface IPlugin
{
    /// <summary>The plugin id, equal to the <c>id</c> of its manifest (e.g. <c>omslite-legacy</c>, <c>primorye-25</c>).</summary>
    string Id { get; }
}
