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
/// do not support, <see cref="WrittenXmlValidator"/>. The same worker then compresses the chunk for the zip
/// (<see cref="CompressedChunks"/>), also when it is not validated here: the zip is put together from the chunks.
/// </summary>
internal sealed class ChunkValidation(IPackLayout layout, BodyFiles bodies, Schemas schemas, CompressedChunks compressed, CancellationToken ct)
    : IAsyncDisposable
{
    private readonly ValidationQueue _queue = new(ct);
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

            _queue.Add(Check(_provisional?[chunk.File], chunk), () => bodies.Return(chunk));
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
            _queue.Add(Check(sameShape ? files[chunk.File] : null, chunk), () => bodies.Return(chunk));
        }

        return await _queue.FinishAsync() && sameShape;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>Whether the chunk between a file's header lines and closing tag is confirmed valid (not validated
    /// without <paramref name="file"/>: the files will be); then the chunk is compressed.</summary>
    private Func<bool> Check(PackFile? file, BodyChunk chunk)
    {
        var (head, tail) = file?.Frame() ?? ([], []);
        return () =>
        {
            var valid = file is null || schemas.Confirms(file.Schema, head, chunk.Buffer.AsMemory(0, chunk.Length), tail);
            compressed.Add(chunk);
            return valid;
        };
    }
}
