using Omslite.RegionFormats.RegistryXml.Writing.Zip;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// Validates a pack's bodies chunk by chunk while the pack is still being built (<see cref="ValidationQueue"/>).
/// A full chunk is validated between provisional headers (the layout's headers for the totals so far: the final
/// totals are not known yet); the last chunk of each file between its real headers, so the real headers are
/// validated too. The schemas have no constraint across records (see <see cref="Schemas.PartBytes"/>), so a record
/// is valid in a chunk exactly when it is valid in the whole file. This only confirms a valid pack quickly: when
/// anything fails, or the chunks cannot stand for the files, the caller validates the files themselves, which
/// gives the authoritative message. The chunks are checked by <see cref="Schemas.Confirms"/>: the schema's automata
/// (<see cref="Compiled.CompiledXmlValidator"/>, several times cheaper than a validating reader) or, for a schema they
/// do not support, <see cref="WrittenXmlValidator"/>. The same worker then compresses every chunk, validated or not
/// (<see cref="CompressedChunks"/>): the compressed chunks are what is kept of the bodies.
/// </summary>
internal sealed class ChunkValidation(IPackLayout layout, BodyChunks bodies, Schemas schemas, CompressedChunks compressed, CancellationToken ct)
    : IAsyncDisposable
{
    private readonly ValidationQueue _queue = new(ct);
    private Exception? _notCompressed;
    private IReadOnlyList<PackFile>? _provisional;
    private bool _off;

    /// <summary>Queues the chunks that are full (blocks while too many wait already).</summary>
    /// <param name="totals">The totals of the cases written so far, for the provisional headers.</param>
    public void QueueFull(Func<PackTotals> totals)
    {
        while (bodies.TakeFull() is { } chunk)
        {
            if (_provisional is null && !_off)
            {
                var files = layout.Files(totals());
                // An unwritable header value is the final run's message to give; chunks then wait for the files.
                _off = files.Count != bodies.Count || files.Any(f => f.Header.Any(l => l.Unwritable is not null));
                _provisional = _off ? null : files;
            }

            _queue.Add(Check(_provisional?[chunk.File], chunk), () => Keep(chunk));
        }
    }

    /// <summary>Validates the last chunks with the real headers and waits for every chunk: true when every chunk is
    /// valid and the chunks stand for the files (same header lines as the provisional headers).</summary>
    public async Task<bool> ConfirmAsync(IReadOnlyList<PackFile> files, IReadOnlyList<BodyChunk> last)
    {
        var sameShape = !_off && (_provisional is null
            || _provisional.Select(f => f.HeaderLines).SequenceEqual(files.Select(f => f.HeaderLines)));
        foreach (var chunk in last)
        {
            _queue.Add(Check(sameShape ? files[chunk.File] : null, chunk), () => Keep(chunk));
        }

        var valid = await _queue.FinishAsync();
        return _notCompressed is { } failure
            ? throw new InvalidOperationException("A chunk of the pack could not be compressed", failure)
            : valid && sameShape;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>Whether the chunk between a file's header lines and closing tag is confirmed valid (not validated
    /// without <paramref name="file"/>: the files will be).</summary>
    private Func<bool> Check(PackFile? file, BodyChunk chunk)
    {
        if (file is null)
        {
            return () => true;
        }

        var (head, tail) = file.Frame();
        return () => schemas.Confirms(file.Schema, head, chunk.Buffer.AsMemory(0, chunk.Length), tail);
    }

    /// <summary>Compresses the chunk, whatever its validation (also one skipped after another failed), and frees its
    /// buffer. A failure is kept for <see cref="ConfirmAsync"/>: a worker must not die with the builder waiting.</summary>
    private void Keep(BodyChunk chunk)
    {
        try
        {
            compressed.Add(chunk);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _notCompressed, ex, null);
        }
        finally
        {
            bodies.Return(chunk);
        }
    }
}
