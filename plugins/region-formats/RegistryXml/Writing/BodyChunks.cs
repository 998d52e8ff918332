using System.Collections.Concurrent;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// The record bodies of a pack's files, one line per record (LF), in windows-1251, cut into chunks of about
/// <c>chunkBytes</c> whole lines that are handed out as they fill (<see cref="TakeFull"/>) to be validated and
/// compressed while the next ones are built (<see cref="ChunkValidation"/>); the compressed chunks are all that is
/// kept of a body. Also the visit number of each line (for messages) and the run's scratch files in its work
/// directory, deleted when disposed.
/// </summary>
internal sealed class BodyChunks(string directory, long chunkBytes) : IDisposable
{
    private readonly string _stem = Path.Combine(directory, "pack-" + Guid.NewGuid().ToString("N"));
    private readonly int _chunkBytes = (int)Math.Clamp(chunkBytes, 1, 64L << 20);
    private readonly List<Body> _bodies = [];
    private readonly Queue<BodyChunk> _full = new();
    private readonly ConcurrentBag<byte[]> _spare = [];
    private readonly List<string> _scratch = [];

    /// <summary>The number of bodies (files of the pack).</summary>
    public int Count => _bodies.Count;

    /// <summary>Appends a passing case's lines; the bodies are created with the first case.</summary>
    public void Append(int number, IReadOnlyList<RecordLine?> lines)
    {
        while (_bodies.Count < lines.Count)
        {
            _bodies.Add(new Body(_bodies.Count, this));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is { } line)
            {
                _bodies[i].Append(number, line);
            }
        }
    }

    /// <summary>The next chunk that is full, or null.</summary>
    public BodyChunk? TakeFull() => _full.TryDequeue(out var chunk) ? chunk : null;

    /// <summary>Gives a chunk's buffer back once nothing reads it any more.</summary>
    public void Return(BodyChunk chunk) => _spare.Add(chunk.Buffer);

    /// <summary>The visit numbers of the lines of file <paramref name="index"/>, in order.</summary>
    public IReadOnlyList<int> Owners(int index) => _bodies[index].Owners;

    /// <summary>A new scratch file name in the work directory (unique within the run), deleted with the bodies.</summary>
    public string Scratch(string suffix)
    {
        var path = $"{_stem}.{_scratch.Count}{suffix}";
        _scratch.Add(path);
        return path;
    }

    /// <summary>Ends the bodies: the last chunk of each, in file order (possibly without lines).</summary>
    public IReadOnlyList<BodyChunk> Close() => _bodies.Select(b => b.Close()).ToList();

    public void Dispose()
    {
        foreach (var path in _scratch)
        {
            File.Delete(path);
        }
    }

    private byte[] Buffer(int atLeast) =>
        _spare.TryTake(out var buffer) && buffer.Length >= atLeast ? buffer : new byte[Math.Max(atLeast, _chunkBytes + (64 << 10))];

    /// <summary>One body: the chunk being filled, the owners of its lines.</summary>
    private sealed class Body(int index, BodyChunks owner)
    {
        private byte[] _buffer = owner.Buffer(0);
        private int _used;
        private int _part;
        private int _firstLine;
        private bool _closed;

        public List<int> Owners { get; } = [];

        public void Append(int number, RecordLine line)
        {
            var bytes = line.Length + 1;
            if (_used > 0 && _used + bytes > owner._chunkBytes)
            {
                owner._full.Enqueue(Cut(owner.Buffer(bytes)));
            }

            if (_used + bytes > _buffer.Length)
            {
                Array.Resize(ref _buffer, _used + bytes);
            }

            line.Bytes.CopyTo(_buffer.AsSpan(_used));
            _used += line.Length;
            _buffer[_used++] = (byte)'\n';
            Owners.Add(number);
        }

        public BodyChunk Close()
        {
            if (_closed)
            {
                throw new InvalidOperationException("The body is already closed");
            }

            _closed = true;
            return Cut([]);
        }

        /// <summary>Hands out the chunk being filled; <paramref name="next"/> is filled next.</summary>
        private BodyChunk Cut(byte[] next)
        {
            var chunk = new BodyChunk(index, _part++, _firstLine, _buffer, _used);
            _firstLine = Owners.Count;
            _buffer = next;
            _used = 0;
            return chunk;
        }
    }
}

/// <summary>A run of whole record lines of one body.</summary>
/// <param name="File">The file's index in the pack.</param>
/// <param name="Part">The chunk's index within its file.</param>
/// <param name="FirstLine">The index of its first line among the file's record lines.</param>
/// <param name="Buffer">The bytes (the first <paramref name="Length"/> are the chunk's).</param>
/// <param name="Length">The chunk's length in bytes.</param>
internal sealed record BodyChunk(int File, int Part, int FirstLine, byte[] Buffer, int Length);
