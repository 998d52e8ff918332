using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Omslite.Hub.Registry;

/// <summary>
/// Reads a sequence ahead of its consumer on another thread, up to <c>capacity</c> items: the registry's cases are
/// parsed from the database while the format checks and writes the ones before (both CPU work, on two cores instead
/// of one after the other). The items must be independent objects (the case reader makes a new one per visit).
/// </summary>
public static class Prefetched
{
    public static async IAsyncEnumerable<T> ReadAhead<T>(
        this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        // Stops the producer when the consumer stops early (a row limit, a failure): the source then ends as it would
        // have, by disposing its reader, before the caller uses the connection again.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(ct))
                {
                    if (!await channel.Writer.WaitToWriteAsync(stop.Token) || !channel.Writer.TryWrite(item))
                    {
                        break;
                    }
                }

                channel.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(ct))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
