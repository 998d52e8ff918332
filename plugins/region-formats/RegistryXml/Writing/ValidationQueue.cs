using System.Collections.Concurrent;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// Runs checks (each: is this document valid?) in the background while a pack is still being built, one worker
/// thread per core (up to four), so the builder shares the cores with the workers rather than keeping one to itself:
/// with a schema the compiled automata do not support, validating takes longer than building (with them, a run is
/// validated in a fraction of the time it took to build, and the workers mostly wait). The workers are threads of their own, not thread-pool threads, so the builder's
/// database reads never wait for a pool thread a validation holds. At most a few checks wait (the builder waits
/// beyond that), so the bytes held stay a few chunks whatever the pack's size.
/// </summary>
internal sealed class ValidationQueue : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    /// <summary>The workers, and the checks that may wait: one per core, but few, since each holds a chunk of a few
    /// megabytes (the pack's memory must not grow with the machine).</summary>
    private static readonly int Workers = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly BlockingCollection<Item> _waiting = new(Workers);
    private readonly List<Task> _workers = [];
    private volatile bool _failed;

    public ValidationQueue(CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        for (var i = 0; i < Workers; i++)
        {
            _workers.Add(Task.Factory.StartNew(Work, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
    }

    /// <summary>Queues a check; blocks while the queue is full. <paramref name="done"/> runs after it, also when the
    /// check is skipped (after another failed).</summary>
    public void Add(Func<bool> valid, Action done) => _waiting.Add(new Item(valid, done), _stop.Token);

    /// <summary>No more checks: waits for the rest; whether every check passed.</summary>
    public async Task<bool> FinishAsync()
    {
        _waiting.CompleteAdding();
        await Task.WhenAll(_workers);
        return !_failed;
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
                // Once one check failed the pack is validated again from its files: the rest need not run. Only ever
                // set, never cleared: another worker may have failed meanwhile.
                if (!_failed && !item.Valid())
                {
                    _failed = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Counted, not thrown: a worker that died would leave the builder waiting on a full queue.
                _failed = true;
            }
            finally
            {
                item.Done();
            }
        }
    }

    private sealed record Item(Func<bool> Valid, Action Done);
}
