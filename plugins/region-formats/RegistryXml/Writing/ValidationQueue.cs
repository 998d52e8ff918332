using System.Collections.Concurrent;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// Validates documents in the background while a pack is still being built, one worker thread per core: validating
/// takes longer than building, so the builder shares the cores with the workers rather than keeping one to itself.
/// The workers are threads of their own, not thread-pool threads, so the builder's database reads never wait for a
/// pool thread a validation holds. At most a few documents wait (the builder waits beyond that), so the bytes held
/// stay a few chunks whatever the pack's size. The failures are told in the order of the documents' keys, as if
/// they had been validated one after another.
/// </summary>
internal sealed class ValidationQueue : IAsyncDisposable
{
    private readonly Schemas _schemas;
    private readonly CancellationTokenSource _stop;
    private readonly BlockingCollection<Item> _waiting = new(Environment.ProcessorCount);
    private readonly List<Task> _workers = [];
    private readonly ConcurrentDictionary<(int File, int Part), Exception> _failures = new();

    public ValidationQueue(Schemas schemas, CancellationToken ct)
    {
        _schemas = schemas;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            _workers.Add(Task.Factory.StartNew(Work, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
    }

    /// <summary>Queues a document; blocks while the queue is full. <paramref name="done"/> runs after its validation.</summary>
    public void Add((int File, int Part) key, SchemaDocument document, Action done) =>
        _waiting.Add(new Item(key, document, done), _stop.Token);

    /// <summary>No more documents: waits for the rest; the failure of the first failing document by key, or null.</summary>
    public async Task<Exception?> FinishAsync()
    {
        _waiting.CompleteAdding();
        await Task.WhenAll(_workers);
        return _failures.IsEmpty ? null : _failures.MinBy(f => f.Key).Value;
    }

    /// <summary>Stops the workers (a run that failed does not wait for the documents still queued).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_waiting.IsAddingCompleted)
        {
            _waiting.CompleteAdding();
            await _stop.CancelAsync();
        }

        try
        {
            await Task.WhenAll(_workers);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _waiting.Dispose();
    }

    private void Work()
    {
        foreach (var item in _waiting.GetConsumingEnumerable(_stop.Token))
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
