using System.Collections.Concurrent;
using System.IO.Compression;

namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// The body chunks of a pack's files compressed while the pack is built (each on the thread that validates it), kept
/// in a scratch file of the run's work directory in the order they were finished, with where each one is. This is all
/// that is kept of the bodies: the zip is put together from them (<see cref="PackZip"/>), and a file that must be read
/// again (to be signed, or validated whole after a chunk failed) is read by inflating them.
/// </summary>
internal sealed class CompressedChunks(string path) : IDisposable
{
    /// <summary>An empty final deflate block: ends a chunk's own segment so that it inflates on its own.</summary>
    private static readonly byte[] FinalBlock = [0x03, 0x00];

    // Unbuffered: written under a lock by the workers, read back at any offset (RandomAccess) once they are done.
    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
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

        _stored[(chunk.File, chunk.Part)] = new Stored(offset, segment.Bytes.Length, segment.Crc, segment.RawLength, chunk.FirstLine);
    }

    /// <summary>Every chunk of each file, in order: <paramref name="last"/> holds the last chunk of each file (its part
    /// number tells how many there are).</summary>
    /// <exception cref="InvalidOperationException">A chunk is missing (it could not be compressed).</exception>
    public IReadOnlyList<IReadOnlyList<Stored>> Files(IReadOnlyList<BodyChunk> last) =>
        last.Select(chunk => (IReadOnlyList<Stored>)Enumerable.Range(0, chunk.Part + 1)
                .Select(part => _stored.TryGetValue((chunk.File, part), out var stored)
                    ? stored
                    : throw new InvalidOperationException($"Chunk {part} of file {chunk.File} of the pack was not compressed"))
                .ToList())
            .ToList();

    /// <summary>Copies a stored chunk's compressed bytes to <paramref name="target"/>.</summary>
    public async Task CopyAsync(Stored stored, Stream target, CancellationToken ct) => await target.WriteAsync(Read(stored, 0), ct);

    /// <summary>A stored chunk's lines, inflated (any thread may read, once every chunk is stored).</summary>
    public Stream Open(Stored stored)
    {
        var compressed = Read(stored, FinalBlock.Length);
        FinalBlock.CopyTo(compressed, stored.Length);
        return new DeflateStream(new MemoryStream(compressed, false), CompressionMode.Decompress);
    }

    public void Dispose() => _file.Dispose();

    private byte[] Read(Stored stored, int spare)
    {
        var buffer = new byte[stored.Length + spare];
        for (var read = 0; read < stored.Length;)
        {
            var n = RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(read, stored.Length - read), stored.Offset + read);
            read += n > 0 ? n : throw new EndOfStreamException("The pack's compressed chunks are cut short");
        }

        return buffer;
    }

    /// <summary>Where a compressed chunk is in the scratch file, its CRC-32, uncompressed length and first line.</summary>
    internal sealed record Stored(long Offset, int Length, uint Crc, long RawLength, int FirstLine);
}
