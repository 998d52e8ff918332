using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// Validates documents in the background while a pack is still being built: all cores but one validate (that one
/// builds), and when the build is done (<see cref="FinishAsync"/>) every core does. At most a few documents wait, so
/// the bytes held stay a few chunks whatever the pack's size. The failures are told in the order of the documents'
/// keys, as if they had been validated one after another.
/// </summary>
internal sealed class ValidationQueue : IAsyncDisposable
{
    private readonly Schemas _schemas;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _ct;
    private readonly Channel<Item> _waiting;
    private readonly List<Task> _workers = [];
    private readonly ConcurrentDictionary<(int File, int Part), Exception> _failures = new();

    public ValidationQueue(Schemas schemas, CancellationToken ct)
    {
        _schemas = schemas;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ct = _stop.Token;
        _waiting = Channel.CreateBounded<Item>(new BoundedChannelOptions(Environment.ProcessorCount) { SingleWriter = true });
        for (var i = 0; i < Math.Max(1, Environment.ProcessorCount - 1); i++)
        {
            _workers.Add(Task.Run(WorkAsync, ct));
        }
    }

    /// <summary>Queues a document; waits while the queue is full. <paramref name="done"/> runs after its validation.</summary>
    public ValueTask AddAsync((int File, int Part) key, SchemaDocument document, Action done) =>
        _waiting.Writer.WriteAsync(new Item(key, document, done), _ct);

    /// <summary>No more documents: validates the rest on every core; the failure of the first failing document by
    /// key, or null.</summary>
    public async Task<Exception?> FinishAsync()
    {
        _waiting.Writer.TryComplete();
        _workers.Add(Task.Run(WorkAsync, _ct));
        await Task.WhenAll(_workers);
        return _failures.IsEmpty ? null : _failures.MinBy(f => f.Key).Value;
    }

    /// <summary>Stops the workers (a run that failed does not wait for the documents still queued).</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        await foreach (var item in _waiting.Reader.ReadAllAsync(_ct))
        {
            try
            {
                if (_schemas.Failure(item.Document) is { } failure)
                {
                    _failures[item.Key] = failure;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept, not thrown: a worker that died would leave the builder waiting on a full queue.
                _failures[item.Key] = ex;
            }
            finally
            {
                item.Done();
            }
        }
    }

    private sealed record Item((int File, int Part) Key, SchemaDocument Document, Action Done);
}
