using FirebirdSql.Data.FirebirdClient;

namespace Omslite.MisConnectors.SqlFirebird;

/// <summary>
/// Closes the last gap of <see cref="EngineDescriptors"/>: a process started in the instant between the engine opening
/// the file and the connector marking it has inherited the descriptor and its lock anyway. Such a process is seen right
/// after an attachment that opened the file (another process holds the file we have just opened), and one attachment
/// is then kept open: the engine keeps its descriptor, so later attachments reuse it instead of opening the file anew
/// against the child's lock. The kept attachment goes at the first attachment that finds no other holder. Holding the
/// file longer costs nobody anything: the child's copy of the lock keeps every other process out anyway.
/// </summary>
internal sealed class InheritedDescriptorGuard
{
    private readonly Dictionary<string, FbConnection> _kept = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens the connection (<see cref="FirebirdConnector.OpenAsync"/>) and, when embedded, guards its file.</summary>
    public async Task AttachAsync(FbConnection connection, CancellationToken ct)
    {
        var cs = new FbConnectionStringBuilder(connection.ConnectionString);
        var file = cs.ServerType == FbServerType.Embedded ? EngineDescriptors.Canonical(cs.Database) : null;
        var exposed = file is not null && EngineDescriptors.Exposed(file);
        await FirebirdConnector.OpenAsync(connection, ct);
        if (file is null)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            var kept = _kept.GetValueOrDefault(file);
            if (!exposed && kept is null)
            {
                return; // the engine had the file open and marked already: nothing a child could have taken
            }

            var inherited = FileHolders.Others(file).Count > 0;
            if (inherited && kept is null)
            {
                var keeper = new FbConnection(connection.ConnectionString);
                await keeper.OpenAsync(ct);
                _kept[file] = keeper;
            }
            else if (!inherited && kept is not null)
            {
                _kept.Remove(file);
                await kept.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
