using System.Collections.Concurrent;

namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// The body chunks of a pack's files compressed while the pack is built (each on the thread that validates it), kept
/// in a scratch file of the run's work directory in the order they were finished, with where each one is. Once every
/// chunk of every file is there, the zip is put together from them (<see cref="PackZip"/>) instead of compressing the
/// files after the build, on one core.
/// </summary>
internal sealed class CompressedChunks(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    private readonly ConcurrentDictionary<(int File, int Part), Stored> _stored = new();

    /// <summary>Compresses a chunk (not the last segment of its file: the closing tag follows) and stores it.</summary>
    public void Add(BodyChunk chunk)
    {
        var segment = DeflateSegment.Compress(chunk.Buffer.AsSpan(0, chunk.Length), last: false);
        long offset;
        lock (_file)
        {
            offset = _file.Position;
            _file.Write(segment.Bytes);
        }

        _stored[(chunk.File, chunk.Part)] = new Stored(offset, segment.Bytes.Length, segment.Crc, segment.RawLength);
    }

    /// <summary>Every chunk of each file, in order, when all are stored: <paramref name="last"/> holds the last chunk
    /// of each file (its part number tells how many there are). Null when one is missing (a chunk a failed
    /// validation left behind): the files are then zipped from their bodies.</summary>
    public IReadOnlyList<IReadOnlyList<Stored>>? Files(IReadOnlyList<BodyChunk> last)
    {
        var files = new List<IReadOnlyList<Stored>>(last.Count);
        foreach (var chunk in last)
        {
            var parts = new List<Stored>(chunk.Part + 1);
            for (var part = 0; part <= chunk.Part; part++)
            {
                if (!_stored.TryGetValue((chunk.File, part), out var stored))
                {
                    return null;
                }

                parts.Add(stored);
            }

            files.Add(parts);
        }

        return files;
    }

    /// <summary>Copies a stored chunk's compressed bytes to <paramref name="target"/> (once every chunk is stored).</summary>
    public async Task CopyAsync(Stored stored, Stream target, CancellationToken ct)
    {
        var buffer = new byte[stored.Length];
        _file.Position = stored.Offset;
        await _file.ReadExactlyAsync(buffer, ct);
        await target.WriteAsync(buffer, ct);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Where a compressed chunk is in the scratch file, its CRC-32 and uncompressed length.</summary>
    internal sealed record Stored(long Offset, int Length, uint Crc, long RawLength);
}
