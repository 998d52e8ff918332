using System.Security.Cryptography;
using Omslite.RegionFormats.Tests;
using Omslite.Sdk.Registry;
using static Omslite.RegionFormats.FederalBaseline.Tests.Sample;

namespace Omslite.RegionFormats.FederalBaseline.Tests;

/// <summary>The shared signing step serves the baseline's two files as it serves region 25's three.</summary>
public class SigningTests
{
    [Fact]
    public async Task A_signed_pack_has_HM_and_LM_then_their_signatures()
    {
        var run = await PackAsync([Ct, Guest], signer: new Sha256Signer());

        Assert.Equal(["HM250796T25_26011.xml", "LM250796T25_26011.xml", "HM250796T25_26011.sig", "LM250796T25_26011.sig"], run.EntryNames());
        Assert.Equal(SHA256.HashData(run.Entry("HM250796T25_26011.xml")), run.Entry("HM250796T25_26011.sig"));
        Assert.Equal(SHA256.HashData(run.Entry("LM250796T25_26011.xml")), run.Entry("LM250796T25_26011.sig"));
    }

    [Fact]
    public async Task A_signing_failure_gives_a_clear_error_and_no_zip()
    {
        var ex = await Assert.ThrowsAsync<RegionFormatException>(() => PackAsync([Ct], signer: new FailingSigner(2, "срок действия сертификата истёк")));

        Assert.Equal("Ошибка подписи файла LM250796T25_26011.xml: срок действия сертификата истёк", ex.Message);
    }
}
