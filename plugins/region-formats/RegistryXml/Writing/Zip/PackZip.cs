namespace Omslite.RegionFormats.RegistryXml.Writing.Zip;

/// <summary>
/// Puts a pack's zip together from its files' chunks compressed while the pack was built (<see cref="CompressedChunks"/>):
/// each file is its declaration, root and headers (compressed now, since the totals in the headers are known only at
/// the end), its chunks as they were compressed, and its closing tag (the final block), with the CRC-32 of the whole
/// combined from the parts' (<see cref="Crc32Math"/>); then the signatures. Only the headers and the closing tags are
/// compressed here: the zip costs a copy of the compressed bytes, not a second pass over the files.
/// </summary>
internal static class PackZip
{
    /// <summary>Whether the files (and their signatures) fit a zip without ZIP64 (see <see cref="ZipContainer"/>).</summary>
    public static bool Fits(IEnumerable<IReadOnlyList<CompressedChunks.Stored>> files, IEnumerable<string> signaturePaths) =>
        ZipContainer.Fits(files.Sum(f => f.Sum(c => c.RawLength) + (1L << 20)) + signaturePaths.Sum(p => new FileInfo(p).Length + (1L << 10)));

    public static async Task WriteAsync(
        Stream output, DateTime stamp, IReadOnlyList<(PackFile File, IReadOnlyList<CompressedChunks.Stored> Chunks)> files,
        IReadOnlyList<(string Name, string Path)> signatures, CompressedChunks store, CancellationToken ct)
    {
        var zip = new ZipContainer(output);
        foreach (var (file, chunks) in files)
        {
            var (head, tail) = file.Frame();
            var first = DeflateSegment.Compress(head, last: false);
            var closing = DeflateSegment.Compress(tail, last: true);
            var (crc, raw, compressed) = (first.Crc, first.RawLength, (long)first.Bytes.Length);
            foreach (var chunk in chunks)
            {
                (crc, raw, compressed) = (Crc32Math.Combine(crc, chunk.Crc, chunk.RawLength), raw + chunk.RawLength, compressed + chunk.Length);
            }

            (crc, raw, compressed) = (Crc32Math.Combine(crc, closing.Crc, closing.RawLength), raw + closing.RawLength, compressed + closing.Bytes.Length);
            await zip.AddAsync(file.Name, stamp, crc, compressed, raw, async (target, token) =>
            {
                await target.WriteAsync(first.Bytes, token);
                foreach (var chunk in chunks)
                {
                    await store.CopyAsync(chunk, target, token);
                }

                await target.WriteAsync(closing.Bytes, token);
            }, ct);
        }

        foreach (var (name, path) in signatures)
        {
            var signature = DeflateSegment.Compress(await File.ReadAllBytesAsync(path, ct), last: true);
            await zip.AddAsync(name, stamp, signature.Crc, signature.Bytes.Length, signature.RawLength,
                (target, token) => target.WriteAsync(signature.Bytes, token).AsTask(), ct);
        }

        await zip.FinishAsync(ct);
    }
}
