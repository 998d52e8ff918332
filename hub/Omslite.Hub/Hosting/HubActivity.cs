using System.Diagnostics;

namespace Omslite.Hub.Hosting;

/// <summary>
/// The hub's trace source: long operations (a pack, an FLK or invoice import) mark their phases as activities
/// (<c>pack.write</c>, <c>flk.store</c>, ...). Nothing is recorded unless a listener is attached — a tracing exporter,
/// or the bench verbs, which time the phases with it.
/// </summary>
public static class HubActivity
{
    public const string SourceName = "Omslite.Hub";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a phase; dispose it when the phase ends (null, and free, when nobody listens).</summary>
    public static Activity? Phase(string name) => Source.StartActivity(name);
}
