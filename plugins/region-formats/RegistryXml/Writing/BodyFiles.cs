using System.Collections.Concurrent;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// The record bodies of a pack's files, one line per record (LF), in windows-1251, in the run's work directory, with
/// the visit number of each line (for messages) and the run's other scratch files; all deleted when disposed. Each
/// body is encoded into a chunk of about <c>chunkBytes</c> whole lines, written to its file when full and handed out
/// (<see cref="TakeFull"/>), so that a chunk can be validated while the next ones are built.
/// </summary>
internal sealed class BodyFiles(string directory, long chunkBytes) : IDisposable
{
    private readonly string _stem = System.IO.Path.Combine(directory, "pack-" + Guid.NewGuid().ToString("N"));
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
            _bodies.Add(new Body(_bodies.Count, Scratch(".body"), this));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is { } line)
            {
                _bodies[i].Append(number, line);
            }
        }
    }

    /// <summary>The next chunk that is full and already written to its body, or null.</summary>
    public BodyChunk? TakeFull() => _full.TryDequeue(out var chunk) ? chunk : null;

    /// <summary>Gives a chunk's buffer back once nothing reads it any more.</summary>
    public void Return(BodyChunk chunk) => _spare.Add(chunk.Buffer);

    /// <summary>The body of file <paramref name="index"/>.</summary>
    public string Path(int index) => _bodies[index].Path;

    /// <summary>The visit numbers of the lines of file <paramref name="index"/>, in order.</summary>
    public IReadOnlyList<int> Owners(int index) => _bodies[index].Owners;

    /// <summary>Where each line of file <paramref name="index"/> starts in its body, in bytes.</summary>
    public IReadOnlyList<long> LineStarts(int index) => _bodies[index].Starts;

    /// <summary>The length of the body of file <paramref name="index"/>, in bytes.</summary>
    public long Length(int index) => _bodies[index].Length;

    /// <summary>A new scratch file name in the work directory (unique within the run), deleted with the bodies.</summary>
    public string Scratch(string suffix)
    {
        var path = $"{_stem}.{_scratch.Count}{suffix}";
        _scratch.Add(path);
        return path;
    }

    /// <summary>Finishes writing the bodies; the last chunk of each body, in file order (possibly without lines).</summary>
    public IReadOnlyList<BodyChunk> Close() => _bodies.Select(b => b.Close()).ToList();

    public void Dispose()
    {
        foreach (var body in _bodies)
        {
            body.Dispose();
        }

        foreach (var path in _scratch)
        {
            File.Delete(path);
        }
    }

    private byte[] Buffer(int atLeast) =>
        _spare.TryTake(out var buffer) && buffer.Length >= atLeast ? buffer : new byte[Math.Max(atLeast, _chunkBytes + (64 << 10))];

    /// <summary>One body: its file, the chunk being filled, the owners and starts of its lines.</summary>
    private sealed class Body(int index, string path, BodyFiles owner) : IDisposable
    {
        private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        private byte[] _buffer = owner.Buffer(0);
        private int _used;
        private int _part;
        private bool _closed;

        public string Path => path;
        public List<int> Owners { get; } = [];
        public List<long> Starts { get; } = [];
        public long Length { get; private set; }

        public void Append(int number, RecordLine line)
        {
            // windows-1251 is one byte per character, and every value was checked to be writable (D2.4).
            var bytes = line.Length + 1;
            if (_used > 0 && _used + bytes > owner._chunkBytes)
            {
                owner._full.Enqueue(Cut(owner.Buffer(bytes)));
            }

            if (_used + bytes > _buffer.Length)
            {
                Array.Resize(ref _buffer, _used + bytes);
            }

            _used += line.EncodeTo(_buffer.AsSpan(_used));
            _buffer[_used++] = (byte)'\n';
            Owners.Add(number);
            Starts.Add(Length);
            Length += bytes;
        }

        public BodyChunk Close()
        {
            if (_closed)
            {
                throw new InvalidOperationException("The body is already closed");
            }

            var last = Cut([]);
            _file.Dispose();
            _closed = true;
            return last;
        }

        public void Dispose() => _file.Dispose();

        /// <summary>Writes the chunk being filled to the file and hands it out; <paramref name="next"/> is filled next.</summary>
        private BodyChunk Cut(byte[] next)
        {
            _file.Write(_buffer, 0, _used);
            var chunk = new BodyChunk(index, _part++, _buffer, _used);
            _buffer = next;
            _used = 0;
            return chunk;
        }
    }
}

/// <summary>A run of whole record lines of one body, as written to its file.</summary>
/// <param name="File">The file's index in the pack.</param>
/// <param name="Part">The chunk's index within its file.</param>
/// <param name="Buffer">The bytes (the first <paramref name="Length"/> are the chunk's).</param>
/// <param name="Length">The chunk's length in bytes.</param>
internal sealed record BodyChunk(int File, int Part, byte[] Buffer, int Length);
