using Omslite.Sdk.Plugins;

namespace Omslite.Sdk.Connectors;

/// <summary>
/// An MIS connector: reads one kind of clinic MIS database and streams its completed OMS CT/MRI cases as canonical
/// <see cref="SourceCase"/>s. Translating the MIS's own codes into the federal ones is the connector's job, done with
/// the MIS's own tables; the hub does the rest (matching, corrections, conflicts, storage).
/// </summary>
/// <remarks>
/// Connectors are read-only towards the MIS. One instance serves every source that names the connector's id, so it
/// must keep no per-source state: everything arrives in <see cref="SourceConnection"/>.
/// </remarks>
public interface IMisConnector : IPlugin
{
    /// <summary>Human-readable name, e.g. "Omslite (original system), PostgreSQL".</summary>
    string Name { get; }

    /// <summary>The database engine: <c>postgresql</c>, <c>firebird</c> or <c>sqlserver</c>.</summary>
    string Engine { get; }

    /// <summary>
    /// Connects and checks that everything the pull needs is there (tables, columns, the mapping's queries). Never
    /// throws for an unreachable or wrong database: the answer says what to fix, in Russian, for the clinic's admin.
    /// </summary>
    Task<ConnectionCheck> CheckAsync(SourceConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the cases changed since <see cref="PullRequest.Watermark"/> (or, with a period, every case of the
    /// period), in batches. The hub commits each batch together with the batch's watermark, so a connector must
    /// order its cases so that the watermark after a batch covers exactly the cases up to it.
    /// </summary>
    IAsyncEnumerable<SourceBatch> PullAsync(PullRequest request, CancellationToken cancellationToken);
}
