using System.Security.Cryptography;
using Omslite.RegionFormats.Tests;
using Omslite.Sdk.Registry;
using static Omslite.RegionFormats.Primorye25.Tests.Sample;

namespace Omslite.RegionFormats.Primorye25.Tests;

/// <summary>Signing (registry-pack-25.md §1.5, D2.5): each complete, valid file's exact bytes signed, the signatures
/// beside the files in the zip; a signing failure gives a clear error and no zip.</summary>
public class SigningTests
{
    [Fact]
    public async Task A_signed_pack_has_the_three_files_then_their_signatures_of_the_exact_bytes()
    {
        var signer = new Sha256Signer();

        var run = await PackAsync([Case], signer: signer);

        Assert.Equal(
        [
            "HM250796T25_26017961.xml", "PM250796T25_26017961.xml", "LM250796T25_26017961.xml",
            "HM250796T25_26017961.sig", "PM250796T25_26017961.sig", "LM250796T25_26017961.sig",
        ], run.EntryNames());
        Assert.Equal(run.EntryNames(), run.Result.Entries);
        foreach (var kind in new[] { "HM", "PM", "LM" })
        {
            Assert.Equal(SHA256.HashData(run.Bytes(kind)), run.Entry($"{kind}250796T25_26017961.sig"));
        }

        Assert.Equal(3, signer.Signed);
    }

    [Fact]
    public async Task Signing_leaves_the_xml_files_as_an_unsigned_pack_writes_them()
    {
        var unsigned = await PackAsync([Case]);
        var signed = await PackAsync([Case], signer: new Sha256Signer());

        foreach (var kind in new[] { "HM", "PM", "LM" })
        {
            Assert.Equal(unsigned.Bytes(kind), signed.Bytes(kind));
        }
    }

    [Fact]
    public async Task The_signature_files_take_the_extension_of_the_signer()
    {
        var run = await PackAsync([Case], signer: new Sha256Signer(".p7s"));

        Assert.Equal("LM250796T25_26017961.p7s", run.EntryNames()[^1]);
    }

    [Theory]
    [InlineData(1, "HM250796T25_26017961.xml")]
    [InlineData(2, "PM250796T25_26017961.xml")]
    [InlineData(3, "LM250796T25_26017961.xml")]
    public async Task A_signing_failure_names_the_file_and_the_reason_and_writes_no_zip(int failingFile, string file)
    {
        var work = Directory.CreateTempSubdirectory("r25-sign-").FullName;
        using var zip = new MemoryStream();
        try
        {
            var ex = await Assert.ThrowsAsync<RegionFormatException>(() => new Primorye25Format().WritePackAsync(
                new PackRequest
                {
                    Mo = Mo, Period = January, Number = 1, RunDate = RunDate, WorkDirectory = work,
                    Signer = new FailingSigner(failingFile, "не найден закрытый ключ МО"),
                },
                new[] { Case }.ToAsyncEnumerable(), zip, default));

            Assert.Equal($"Ошибка подписи файла {file}: не найден закрытый ключ МО", ex.Message);
            Assert.IsType<PackSigningException>(ex.InnerException);
            Assert.Equal(0, zip.Length);
            Assert.Empty(Directory.GetFileSystemEntries(work));
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    [Fact]
    public async Task A_check_signs_nothing()
    {
        var signer = new Sha256Signer();

        var run = await PackAsync([Case], checkOnly: true, signer: signer);

        Assert.Empty(run.Zip);
        Assert.Equal(0, signer.Signed);
    }

    [Fact]
    public async Task A_signer_extension_that_is_not_a_plain_extension_is_refused()
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Case], signer: new Sha256Signer("/../x")));

        Assert.Equal("Ошибка подписи файла HM250796T25_26017961.xml: недопустимое расширение файла подписи «/../x»", ex.Message);
    }
}
