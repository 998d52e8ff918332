using System.Diagnostics;
using System.IO.Compression;
using Omslite.RegionFormats.RegistryXml.Writing.Zip;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// One pack run (registry-pack-25.md §4.1) for any region: every case through the region's
/// <see cref="IPackLayout.Build"/>; the lines of the passing ones appended to one body per XML file, cut into runs of
/// about <see cref="Schemas.PartBytes"/> that are validated against the file's schema and compressed while the next
/// cases are built (<see cref="ChunkValidation"/>; the compressed runs, in a scratch file of the work directory, are
/// all that is kept of the bodies); the host told that the pack's cases are final (<see cref="PackRequest.Selected"/>);
/// then the files (declaration, root, headers, body, closing tag) signed when the request carries a signer (§1.5,
/// D2.5), and the zip put together from the compressed runs (<see cref="Zip.PackZip"/>). Memory stays flat: a visit's
/// lines and a few runs of lines are all that is held.
/// </summary>
public static class PackWriter
{
    /// <summary>The trace source of a pack run's phases (<c>format.build</c>, <c>format.validate</c>, <c>format.sign</c>,
    /// <c>format.zip</c>): nothing is recorded unless a listener is attached, as the hub's bench verbs do.</summary>
    public const string ActivitySourceName = "Omslite.RegionFormats";

    private static readonly ActivitySource Phases = new(ActivitySourceName);

    /// <summary>The visits handed to <see cref="PackRequest.Including"/> at a time: a statement of the host's each.</summary>
    private const int IncludingBatch = 5000;

    /// <summary>D2.1/D2.2: a year, month or pack number that makes the whole run impossible, before any case is read.</summary>
    /// <exception cref="RegionFormatException">The request is invalid.</exception>
    public static void CheckRequest(PackRequest request)
    {
        if (request.Period.Year is < 2000 or > 2099)
        {
            throw new RegionFormatException($"Неверный год отчёта: {request.Period.Year} (ожидается 2000–2099)");
        }

        if (request.Period.Month is < 1 or > 12)
        {
            throw new RegionFormatException($"Неверный месяц отчёта: {request.Period.Month} (ожидается 1–12)");
        }

        if (request.Number is < 1 or > 9)
        {
            throw new RegionFormatException($"Неверный номер пакета: {request.Number} (ожидается 1–9)");
        }
    }

    /// <summary>Runs the pack: see the class comment. Nothing reaches <paramref name="output"/> unless every file is
    /// valid and signed.</summary>
    /// <exception cref="RegionFormatException">A file fails its schema, a header value cannot be written, or a file
    /// cannot be signed; no zip is written.</exception>
    public static async Task<PackResult> RunAsync(
        PackRequest request, IPackLayout layout, IAsyncEnumerable<RegistryCase> cases, Stream output, Schemas schemas, CancellationToken ct)
    {
        var persons = new HashSet<string>(StringComparer.Ordinal);
        var included = new List<long>();
        var problems = new List<CaseProblems>();
        var amount = 0m;
        var handed = 0;
        using var bodies = request.CheckOnly ? null : new BodyChunks(request.WorkDirectory, schemas.PartBytes);
        using var compressed = bodies is null ? null : new CompressedChunks(bodies.Scratch(".deflate"));
        await using var early = bodies is null ? null : new ChunkValidation(layout, bodies, schemas, compressed!, ct);
        var building = Phases.StartActivity("format.build");
        await foreach (var registryCase in cases.WithCancellation(ct))
        {
            var outcome = layout.Build(registryCase, persons);
            if (outcome.Problem is { } problem)
            {
                problems.Add(new CaseProblems(registryCase.VisitId, registryCase.Number, registryCase.Patient.PatientId, registryCase.Patient.CardNumber, [problem]));
                continue;
            }

            persons.Add(outcome.Person);
            included.Add(registryCase.VisitId);
            amount += outcome.Amount;
            if (bodies is not null)
            {
                bodies.Append(registryCase.Number, outcome.Lines);
                early!.QueueFull(() => new PackTotals(included.Count, persons.Count, amount));
            }

            if (included.Count - handed == IncludingBatch)
            {
                handed = HandOver(request, included, handed);
            }

            if (request.Limit > 0 && included.Count >= request.Limit)
            {
                break;
            }
        }

        building?.Dispose();
        HandOver(request, included, handed);

        var result = new PackResult { Records = included.Count, Persons = persons.Count, Included = included, Problems = problems };
        if (bodies is null || included.Count == 0)
        {
            return result;
        }

        var last = bodies.Close();
        var files = layout.Files(new PackTotals(included.Count, persons.Count, amount));
        if (files.Count != bodies.Count)
        {
            throw new InvalidOperationException($"The layout lists {files.Count} files for {bodies.Count} lines per case");
        }

        if (files.SelectMany(f => f.Header).FirstOrDefault(l => l.Unwritable is not null) is { Unwritable: { } bad })
        {
            throw new RegionFormatException($"Значение настройки МО не записывается в windows-1251: {bad.Tag}");
        }

        List<PackPart> parts;
        using (Phases.StartActivity("format.validate"))
        {
            // The chunks were validated while the pack was built; only a failure (or chunks that cannot stand for
            // the files) needs the files validated themselves, for the exact message.
            var confirmed = await early!.ConfirmAsync(files, last);
            var chunks = compressed!.Files(last);
            parts = files.Select((file, i) => new PackPart(file, chunks[i], bodies.Owners(i), compressed)).ToList();
            if (!confirmed)
            {
                schemas.Validate(parts.SelectMany(p => p.Documents(schemas.PartBytes)).ToList(), ct);
            }
        }

        // SDK 1.3: the host records the pack (its visits, the marking) while the files are signed and zipped.
        request.Selected?.Invoke(result);
        var signatures = new List<(string Name, string Path)>();
        if (request.Signer is { } signer)
        {
            using var signing = Phases.StartActivity("format.sign");
            foreach (var part in parts)
            {
                signatures.Add((SignatureName(part.File.Name, signer), await SignAsync(signer, part, bodies, ct)));
            }
        }

        using (Phases.StartActivity("format.zip"))
        {
            var stamp = request.RunDate.ToDateTime(TimeOnly.MinValue);
            if (PackZip.Fits(parts.Select(p => p.Chunks), signatures.Select(s => s.Path)))
            {
                await PackZip.WriteAsync(output, stamp, parts.Select(p => (p.File, p.Chunks)).ToList(), signatures, compressed, ct);
            }
            else
            {
                await ZipBodiesAsync(output, stamp, parts, signatures, ct);
            }
        }

        return result with { FileName = layout.ZipName, Entries = [.. files.Select(f => f.Name), .. signatures.Select(s => s.Name)] };
    }

    /// <summary>SDK 1.4: hands the host the included visits after the first <paramref name="handed"/>; how many it
    /// has now.</summary>
    private static int HandOver(PackRequest request, List<long> included, int handed)
    {
        if (request.Including is { } including && included.Count > handed)
        {
            including(included.GetRange(handed, included.Count - handed).ToArray());
        }

        return included.Count;
    }

    /// <summary>The signature's entry: the file's name with <c>.xml</c> replaced by the signer's extension, which must
    /// be a plain one (the zip has no directories).</summary>
    private static string SignatureName(string fileName, IPackSigner signer) =>
        signer.Extension is { Length: > 1 and <= 10 } extension && extension[0] == '.' && extension.Skip(1).All(char.IsAsciiLetterOrDigit)
            ? Path.GetFileNameWithoutExtension(fileName) + extension
            : throw new RegionFormatException($"Ошибка подписи файла {fileName}: недопустимое расширение файла подписи «{signer.Extension}»");

    /// <summary>Signs the exact bytes of a valid file into a scratch file; D2.5: a failure names the file.</summary>
    private static async Task<string> SignAsync(IPackSigner signer, PackPart part, BodyChunks bodies, CancellationToken ct)
    {
        var path = bodies.Scratch(".sig");
        try
        {
            await using var content = part.Open();
            await using var signature = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            await signer.SignAsync(content, signature, ct);
        }
        catch (PackSigningException ex)
        {
            throw new RegionFormatException($"Ошибка подписи файла {part.File.Name}: {ex.Message}", ex);
        }

        return path;
    }

    /// <summary>The zip compressed again from the files, one file after another: for a pack too large for a zip
    /// without ZIP64.</summary>
    private static async Task ZipBodiesAsync(
        Stream output, DateTime stamp, IReadOnlyList<PackPart> parts, IReadOnlyList<(string Name, string Path)> signatures, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var lastWrite = new DateTimeOffset(stamp, TimeSpan.Zero);
        foreach (var part in parts)
        {
            await AddAsync(zip, part.File.Name, lastWrite, part.Open, ct);
        }

        foreach (var (name, path) in signatures)
        {
            await AddAsync(zip, name, lastWrite, () => File.OpenRead(path), ct);
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, DateTimeOffset stamp, Func<Stream> open, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        await using var target = entry.Open();
        await using var content = open();
        await content.CopyToAsync(target, ct);
    }

    /// <summary>A file of the pack with its compressed chunks and the visit numbers of its record lines (for
    /// messages).</summary>
    private sealed record PackPart(PackFile File, IReadOnlyList<CompressedChunks.Stored> Chunks, IReadOnlyList<int> Owners, CompressedChunks Store)
    {
        /// <summary>The whole file, inflated from its chunks.</summary>
        public Stream Open() => File.Open(() => new JoinedStream([.. Chunks.Select(c => (Func<Stream>)(() => Store.Open(c)))]));

        /// <summary>"талон N" for a record line of the file, null for the declaration, root, headers and closing tag.</summary>
        public string? Describe(int line) =>
            line - File.HeaderLines - 1 is var i && i >= 0 && i < Owners.Count ? $"талон {Owners[i]}" : null;

        /// <summary>
        /// What to validate: the whole file, or — when it is larger than <paramref name="partBytes"/> — each of its
        /// chunks (runs of whole record lines of about that size, see <see cref="Schemas.PartBytes"/>) between the
        /// file's own headers and closing tag.
        /// </summary>
        public IEnumerable<SchemaDocument> Documents(long partBytes)
        {
            if (Chunks.Sum(c => c.RawLength) <= partBytes)
            {
                return [new SchemaDocument(File.Schema, File.Name, Open, line => line, Describe)];
            }

            return Chunks.Where(c => c.RawLength > 0).Select(c => new SchemaDocument(File.Schema, File.Name, () => File.Open(() => Store.Open(c)),
                line => line <= File.HeaderLines ? line : line + c.FirstLine, Describe));
        }
    }
}
